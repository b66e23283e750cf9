import { describe, expect, it } from "vitest";
import { actionStatusOf, formatDuration, secondsBetween } from "../src/index.js";

describe("status and durations", () => {
  it("maps dbt Cloud's integer status to the status output", () => {
    expect([1, 2, 3, 10, 20, 30, 99].map(actionStatusOf)).toEqual([
      "queued",
      "starting",
      "running",
      "success",
      "error",
      "cancelled",
      "running",
    ]);
  });

  it("measures seconds between timestamps and formats durations", () => {
    expect(secondsBetween("2026-01-01T00:00:00Z", "2026-01-01T00:01:35Z")).toBe(95);
    expect(secondsBetween(undefined, "2026-01-01T00:00:00Z")).toBeUndefined();
    expect(secondsBetween("not a date", "2026-01-01T00:00:00Z")).toBeUndefined();
    expect(formatDuration(3723)).toBe("1h 02m 03s");
    expect(formatDuration(65)).toBe("1m 05s");
    expect(formatDuration(12)).toBe("12s");
    expect(formatDuration(undefined)).toBe("–");
  });
});
