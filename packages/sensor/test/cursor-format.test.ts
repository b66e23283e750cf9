import { describe, expect, it } from "vitest";
import { parseCursor, serializeCursor } from "../src/cursor.js";
import { CURSOR_FORMAT, CURSOR_VERSION, DbtCloudSensorCursorError } from "../src/index.js";

const sensor = "dbt_cloud_1_11_101__run_status_sensor";

describe("cursor format", () => {
  it("round-trips the cancel floor and the cancelled runs reported", () => {
    const state = {
      sensor,
      watermark: 2_000_000,
      since: 1_000_000,
      reported: new Map([[7, 1_900_000]]),
      cancelFloor: 12,
      cancelled: new Map([[15, 1_950_000]]),
    };
    expect(parseCursor(serializeCursor(state), sensor)).toEqual(state);
  });

  it("reads a cursor written before cancelled runs without finished_at were looked for", () => {
    const old = JSON.stringify({
      format: CURSOR_FORMAT,
      version: CURSOR_VERSION,
      sensor,
      watermark: null,
      since: 5,
      reported: [[3, 6]],
    });
    const state = parseCursor(old, sensor);
    expect(state.cancelFloor).toBeNull();
    expect([...state.cancelled]).toEqual([]);
    expect([...state.reported]).toEqual([[3, 6]]);
  });

  it("rejects a malformed cancel floor or cancelled list, naming it", () => {
    const base = {
      format: CURSOR_FORMAT,
      version: CURSOR_VERSION,
      sensor,
      watermark: null,
      since: 5,
      reported: [],
    };
    expect(() => parseCursor(JSON.stringify({ ...base, cancelFloor: "x" }), sensor)).toThrow(
      DbtCloudSensorCursorError,
    );
    expect(() => parseCursor(JSON.stringify({ ...base, cancelFloor: "x" }), sensor)).toThrow(/cancelFloor/);
    expect(() => parseCursor(JSON.stringify({ ...base, cancelled: [[1]] }), sensor)).toThrow(
      /cancelled list/,
    );
  });
});
