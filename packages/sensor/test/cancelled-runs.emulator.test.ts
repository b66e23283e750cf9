import { RunStatus } from "@dbt-cloud-kit/client";
import type { Emulator } from "@dbt-cloud-kit/emulator";
import { afterEach, describe, expect, it } from "vitest";
import { buildDbtCloudPollingSensor, type SensorRun } from "../src/index.js";
import {
  instrumentedFetch,
  startVirtualEmulator,
  trigger,
  workspaceConfig,
  workspaceFor,
} from "./support/emulator-fixture.js";

let emu: Emulator | undefined;
afterEach(async () => {
  await emu?.close();
  emu = undefined;
});

const noFinish = { cancelledWithoutFinishedAt: true };

describe("cancelled runs that dbt Cloud left without finished_at", () => {
  it("are reported exactly once, even when created long before the window", async () => {
    emu = await startVirtualEmulator(
      workspaceConfig([
        { id: 6001, name: "Long", behaviour: { ...noFinish, runSeconds: 4 * 3600 } },
        { id: 6002, name: "Planned cancel", behaviour: { ...noFinish, outcome: "cancelled" } },
        { id: 6003, name: "Normal", behaviour: noFinish },
      ]),
    );
    const ws = workspaceFor(emu);
    const sensor = buildDbtCloudPollingSensor({ workspace: ws, overlapSeconds: 300, lookbackSeconds: 600 });
    const reported: SensorRun[] = [];
    let cursor = (await sensor.tick()).cursor;
    const tick = async () => {
      const result = await sensor.tick({ cursor });
      expect(result.complete).toBe(true);
      reported.push(...result.runs);
      cursor = result.cursor;
      return result;
    };

    const [long] = await trigger(ws, 6001);
    const [normal] = await trigger(ws, 6003);
    emu.clock.advanceSeconds(600);
    expect((await tick()).runs.map((r) => r.runId)).toEqual([normal]);
    // Two hours later — far beyond the overlap — the long run is cancelled; dbt Cloud shows no finish.
    for (let i = 0; i < 12; i++) {
      emu.clock.advanceSeconds(600);
      await tick();
    }
    await ws.client.cancelRun(long as number);
    const cancelledAt = emu.clock.now();
    const [planned] = await trigger(ws, 6002);
    emu.clock.advanceSeconds(60);
    expect((await ws.client.getRun(long as number)).finished_at).toBeNull();
    expect((await ws.client.getRun(planned as number)).finished_at).toBeNull();
    const result = await tick();
    expect(result.runs.map((r) => r.runId)).toEqual([long, planned]);
    const longRun = result.runs[0] as SensorRun;
    expect(longRun).toMatchObject({
      jobId: 6001,
      status: RunStatus.Cancelled,
      statusName: "Cancelled",
      hasArtifacts: false,
    });
    // The cancellation time (updated_at) stands in for the missing finished_at.
    expect(Date.parse(longRun.finishedAt)).toBe(cancelledAt);
    expect(result.events).toEqual([]);

    // Later ticks, past the overlap (so pruning happens), never report them again.
    for (let i = 0; i < 6; i++) {
      emu.clock.advanceSeconds(120);
      await tick();
    }
    const [another] = await trigger(ws, 6003);
    emu.clock.advanceSeconds(600);
    await tick();
    expect(reported.map((r) => r.runId)).toEqual([normal, long, planned, another]);
  });

  it("the first tick reports those cancelled in the lookback, and costs two requests more per tick", async () => {
    emu = await startVirtualEmulator(
      workspaceConfig([
        { id: 6101, name: "Cancelled early", behaviour: { ...noFinish, outcome: "cancelled" } },
      ]),
    );
    const setup = workspaceFor(emu);
    const [old] = await trigger(setup, 6101);
    emu.clock.advanceSeconds(7200);
    const [recent] = await trigger(setup, 6101);
    emu.clock.advanceSeconds(600);
    const counting = instrumentedFetch();
    const sensor = buildDbtCloudPollingSensor({
      workspace: workspaceFor(emu, { fetch: counting.fetch }),
      lookbackSeconds: 3600,
    });
    const first = await sensor.tick();
    expect(first.runs.map((r) => r.runId)).toEqual([recent]);
    expect(first.runs.map((r) => r.runId)).not.toContain(old);
    expect(counting.counts.list).toBe(1);
    expect(counting.counts.otherLists).toBe(2);
    expect((await sensor.tick({ cursor: first.cursor })).runs).toEqual([]);
  });
});
