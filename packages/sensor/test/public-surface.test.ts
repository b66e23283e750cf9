import type { Emulator } from "@dbt-cloud-kit/emulator";
import { afterEach, describe, expect, it } from "vitest";
import * as sensorPackage from "../src/index.js";
import { buildDbtCloudPollingSensor, CURSOR_FORMAT, CURSOR_VERSION } from "../src/index.js";
import { startVirtualEmulator, trigger, workspaceFor } from "./support/emulator-fixture.js";

let emu: Emulator | undefined;
afterEach(async () => {
  await emu?.close();
  emu = undefined;
});

describe("public surface (issue 10)", () => {
  it("exports the builder, the three stores, webhook verification and the handler", () => {
    for (const name of [
      "buildDbtCloudPollingSensor",
      "MemoryCursorStore",
      "FileCursorStore",
      "PostgresCursorStore",
      "verifyDbtCloudWebhook",
      "createWebhookHandler",
    ]) {
      expect(typeof (sensorPackage as Record<string, unknown>)[name], name).toBe("function");
    }
  });

  it("tick gives { runs, events, cursor, complete }; each run exactly the issue's fields", async () => {
    emu = await startVirtualEmulator();
    const ws = workspaceFor(emu);
    const [runId] = await trigger(ws, 1001);
    emu.clock.advanceSeconds(3600);
    const sensor = buildDbtCloudPollingSensor({ workspace: ws, lookbackSeconds: 7200 });
    expect(sensor.name).toBe(`dbt_cloud_${emu.accountId}_11_101__run_status_sensor`);
    for (const method of ["tick", "run", "handleWebhook"] as const)
      expect(typeof sensor[method]).toBe("function");

    const result = await sensor.tick();
    expect(Object.keys(result).sort()).toEqual(["complete", "cursor", "events", "runs"]);
    expect(result.complete).toBe(true);
    expect(result.runs).toHaveLength(1);
    const run = result.runs[0];
    expect(Object.keys(run ?? {}).sort()).toEqual(
      ["finishedAt", "hasArtifacts", "jobId", "runId", "status", "statusName", "url"].sort(),
    );
    expect(run).toEqual({
      runId,
      jobId: 1001,
      status: 10,
      statusName: "Success",
      url: expect.stringContaining(`/runs/${runId}/`),
      finishedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      hasArtifacts: true,
    });
    expect(result.events.length).toBeGreaterThan(0);
    expect(result.events.every((e) => e.runId === runId)).toBe(true);

    expect(typeof result.cursor).toBe("string");
    const cursor = JSON.parse(result.cursor);
    expect(cursor).toMatchObject({ format: CURSOR_FORMAT, version: CURSOR_VERSION, sensor: sensor.name });
  });
});
