import type { DbtManifest } from "@dbt-cloud-kit/assets";
import { RunStatus } from "@dbt-cloud-kit/client";
import type { Emulator } from "@dbt-cloud-kit/emulator";
import { afterEach, describe, expect, it } from "vitest";
import {
  buildDbtCloudPollingSensor,
  DbtCloudSensorCursorError,
  type SensorEvent,
  type TickResult,
} from "../src/index.js";
import {
  CI_ENV,
  emulatorClock,
  instrumentedFetch,
  recordingLogger,
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

/** Parents before children within each run, runs in finish order, every event tagged with its run. */
function expectOrdered(result: TickResult, manifests: Map<number, DbtManifest>) {
  const finish = new Map(result.runs.map((r) => [r.runId, Date.parse(r.finishedAt)]));
  let lastRunFinish = Number.NEGATIVE_INFINITY;
  const seenByRun = new Map<number, Set<string>>();
  for (const event of result.events) {
    const at = finish.get(event.runId);
    expect(at, `event of unreported run ${event.runId}`).toBeDefined();
    expect(at as number).toBeGreaterThanOrEqual(lastRunFinish);
    lastRunFinish = at as number;
    const seen = seenByRun.get(event.runId) ?? new Set<string>();
    const manifest = manifests.get(event.runId);
    const parents = (manifest?.parent_map?.[event.uniqueId] ?? []) as string[];
    const later = result.events.filter(
      (e) => e.runId === event.runId && parents.includes(e.uniqueId) && !seen.has(e.uniqueId),
    );
    expect(
      later.map((e) => e.uniqueId),
      `${event.uniqueId} came before its parents`,
    ).toEqual([]);
    seen.add(event.uniqueId);
    seenByRun.set(event.runId, seen);
  }
}

describe("tick against the emulator", () => {
  it("reports every finished run of the environment once, whatever its outcome, and never stops early", async () => {
    emu = await startVirtualEmulator();
    const ws = workspaceFor(emu);
    const ciWs = workspaceFor(emu, { environmentId: CI_ENV });
    const failing = await trigger(ws, 1004);
    const parseOnly = await trigger(ws, 1006);
    const noArtifacts = await trigger(ws, 1007);
    const modelError = await trigger(ws, 1005);
    const daily = await trigger(ws, 1001, 2);
    const docs = await trigger(ws, 1002);
    const ci = await trigger(ciWs, 1003);
    // The second daily run is cancelled while it waits behind the first.
    await ws.client.cancelRun(daily[1] as number);
    emu.clock.advanceSeconds(3600);

    const sensor = buildDbtCloudPollingSensor({ workspace: ws, lookbackSeconds: 7200 });
    expect(sensor.name).toBe("dbt_cloud_1_11_101__run_status_sensor");
    const first = await sensor.tick();
    expect(first.complete).toBe(true);
    const byId = new Map(first.runs.map((r) => [r.runId, r]));
    expect([...byId.keys()].sort()).toEqual(
      [...failing, ...parseOnly, ...noArtifacts, ...modelError, ...daily, ...docs].sort(),
    );
    expect(byId.has(ci[0] as number)).toBe(false);
    expect(byId.get(failing[0] as number)).toMatchObject({
      status: RunStatus.Error,
      statusName: "Error",
      hasArtifacts: true,
      jobId: 1004,
    });
    expect(byId.get(daily[1] as number)).toMatchObject({ status: RunStatus.Cancelled, hasArtifacts: false });
    expect(byId.get(parseOnly[0] as number)).toMatchObject({
      status: RunStatus.Success,
      hasArtifacts: false,
    });
    expect(byId.get(noArtifacts[0] as number)).toMatchObject({
      status: RunStatus.Success,
      hasArtifacts: false,
    });
    expect(byId.get(daily[0] as number)?.url).toMatch(
      /^http:\/\/127\.0\.0\.1:\d+\/deploy\/1\/projects\/11\/runs\/\d+\/$/,
    );
    for (const runId of [...parseOnly, ...noArtifacts, daily[1] as number]) {
      expect(first.events.filter((e) => e.runId === runId)).toEqual([]);
    }
    // Failed tests of an observed run are reported, not discarded.
    const failedChecks = first.events.filter(
      (e) => e.runId === failing[0] && e.type === "check_result" && !e.passed,
    );
    expect(failedChecks.length).toBeGreaterThanOrEqual(2);
    expect(first.events.some((e) => e.runId === modelError[0] && e.type === "asset_failure")).toBe(true);
    expect(first.events.some((e) => e.runId === modelError[0] && e.type === "asset_skipped")).toBe(true);
    // Build and docs: events come from the build step, not from docs generate.
    expect(
      first.events.filter((e) => e.runId === docs[0] && e.type === "materialization").length,
    ).toBeGreaterThan(3);

    const manifests = new Map<number, DbtManifest>();
    for (const run of first.runs) {
      if (run.hasArtifacts) {
        const runSteps = await ws.client.getRun(run.runId, { includeRelated: ["run_steps"] });
        const step = runSteps.run_steps?.find((s) => /dbt (build|run|test|seed)/.test(s.name ?? ""))?.index;
        manifests.set(
          run.runId,
          (await ws.client.getRunArtifact(run.runId, "manifest.json", { step })) as DbtManifest,
        );
      }
    }
    expectOrdered(first, manifests);
    const order = first.runs.map((r) => Date.parse(r.finishedAt));
    expect(order).toEqual([...order].sort((a, b) => a - b));

    const second = await sensor.tick({ cursor: first.cursor });
    expect(second).toMatchObject({ runs: [], events: [], complete: true });
  });

  it("leaves runs of other jobs out with jobIds, and the workspace's ad hoc runs unless includeAdhocRuns", async () => {
    emu = await startVirtualEmulator();
    const ws = workspaceFor(emu, { adhocJobName: "SENSOR_TEST_ADHOC" });
    const adhoc = await ws.triggerCommands(["dbt build"]);
    const daily = await trigger(ws, 1001);
    const failing = await trigger(ws, 1004);
    emu.clock.advanceSeconds(3600);
    const all = await buildDbtCloudPollingSensor({ workspace: ws, lookbackSeconds: 7200 }).tick();
    expect(all.runs.map((r) => r.runId).sort()).toEqual([...daily, ...failing].sort());
    const withAdhoc = await buildDbtCloudPollingSensor({
      workspace: ws,
      lookbackSeconds: 7200,
      includeAdhocRuns: true,
    }).tick();
    expect(withAdhoc.runs.map((r) => r.runId).sort()).toEqual([adhoc.run.id, ...daily, ...failing].sort());
    const onlyFailing = await buildDbtCloudPollingSensor({
      workspace: ws,
      lookbackSeconds: 7200,
      jobIds: [1004],
    }).tick();
    expect(onlyFailing.runs.map((r) => r.runId)).toEqual(failing);
    const two = await buildDbtCloudPollingSensor({
      workspace: ws,
      lookbackSeconds: 7200,
      jobIds: [1004, 1001],
    }).tick();
    expect(two.runs.map((r) => r.runId).sort()).toEqual([...daily, ...failing].sort());
  });

  it("reports a run that was still running at one tick at the next one", async () => {
    emu = await startVirtualEmulator();
    const ws = workspaceFor(emu);
    const sensor = buildDbtCloudPollingSensor({ workspace: ws });
    const [first] = await trigger(ws, 1001);
    emu.clock.advanceSeconds(10); // queued / starting
    const during = await sensor.tick();
    expect(during.runs).toEqual([]);
    emu.clock.advanceSeconds(3600);
    const after = await sensor.tick({ cursor: during.cursor });
    expect(after.runs.map((r) => r.runId)).toEqual([first]);
    expect(after.events.length).toBeGreaterThan(0);
    expect(after.events.every((e: SensorEvent) => e.runId === first)).toBe(true);
    expect((await sensor.tick({ cursor: after.cursor })).runs).toEqual([]);
  });

  it("lists more than 100 runs page by page with at most 3 requests per run plus one per page", async () => {
    const jobs = Array.from({ length: 5 }, (_, i) => ({ id: 3001 + i, name: `Job ${i}` }));
    emu = await startVirtualEmulator(workspaceConfig(jobs, [{ id: 3100, name: "CI", jobType: "ci" }]));
    const setup = workspaceFor(emu);
    const expected: number[] = [];
    for (const job of jobs) expected.push(...(await trigger(setup, job.id, 45)));
    await trigger(workspaceFor(emu, { environmentId: CI_ENV }), 3100, 10);
    emu.clock.advanceSeconds(3600);

    const counting = instrumentedFetch();
    const ws = workspaceFor(emu, { fetch: counting.fetch });
    const sensor = buildDbtCloudPollingSensor({ workspace: ws, lookbackSeconds: 7200 });
    const result = await sensor.tick();
    expect(result.runs.map((r) => r.runId).sort((a, b) => a - b)).toEqual(expected.sort((a, b) => a - b));
    expect(new Set(result.runs.map((r) => r.runId)).size).toBe(225);
    expect(counting.counts.list).toBe(3);
    // One row of the oldest run in flight, one page of cancelled runs (cancelled runs without finished_at).
    expect(counting.counts.otherLists).toBe(2);
    expect(counting.counts.total).toBeLessThanOrEqual(3 * 225 + 3 + 2);
    // One manifest per job and git sha (the emulator's runs of a branch share a commit).
    expect(counting.counts.manifest).toBe(5);
    expect((await sensor.tick({ cursor: result.cursor })).runs).toEqual([]);
  });

  it("fetches artifacts of different runs concurrently, up to concurrency", async () => {
    emu = await startVirtualEmulator();
    const setup = workspaceFor(emu);
    const jobs = [1001, 1002, 1004, 1005];
    for (const id of jobs) await trigger(setup, id, 3);
    emu.clock.advanceSeconds(7200);
    emu.faults.add({ operation: "*", kind: "delay", delayMs: 15, count: 100_000, when: "after" });
    for (const concurrency of [1, 3]) {
      const counting = instrumentedFetch();
      const ws = workspaceFor(emu, { fetch: counting.fetch });
      const result = await buildDbtCloudPollingSensor({
        workspace: ws,
        lookbackSeconds: 10_000,
        concurrency,
      }).tick();
      expect(result.runs).toHaveLength(12);
      expect(counting.maxInFlight()).toBe(concurrency);
    }
  });

  it("reports runs with identical finished-at at the window edge exactly once across a cut tick", async () => {
    const jobs = Array.from({ length: 6 }, (_, i) => ({ id: 4001 + i, name: `Same time ${i}` }));
    emu = await startVirtualEmulator(workspaceConfig(jobs));
    const setup = workspaceFor(emu);
    const ids: number[] = [];
    for (const job of jobs) ids.push(...(await trigger(setup, job.id)));
    emu.clock.advanceSeconds(600);
    const finishes = new Set(
      await Promise.all(ids.map(async (id) => (await setup.client.getRun(id)).finished_at)),
    );
    expect(finishes.size).toBe(1);

    // Each request takes a virtual second; a 4 s budget stops after a few runs.
    const slow = instrumentedFetch({ onRequest: () => emu?.clock.advance(1000) });
    const ws = workspaceFor(emu, { fetch: slow.fetch });
    const sensor = buildDbtCloudPollingSensor({
      workspace: ws,
      overlapSeconds: 0,
      lookbackSeconds: 3600,
      concurrency: 1,
    });
    const cut = await sensor.tick({ budgetMs: 4000 });
    expect(cut.complete).toBe(false);
    expect(cut.runs.length).toBeGreaterThan(0);
    expect(cut.runs.length).toBeLessThan(6);
    const seen = [...cut.runs.map((r) => r.runId)];
    let cursor = cut.cursor;
    for (let i = 0; i < 10; i++) {
      const next = await sensor.tick({ cursor, budgetMs: 4000 });
      seen.push(...next.runs.map((r) => r.runId));
      cursor = next.cursor;
      if (next.complete && next.runs.length === 0) break;
    }
    expect(seen).toEqual([...ids].sort((a, b) => a - b));
  });

  it("a tick cut by its budget resumes exactly where it stopped, in finish order", async () => {
    emu = await startVirtualEmulator();
    const setup = workspaceFor(emu);
    for (const id of [1001, 1002, 1004, 1005, 1007]) await trigger(setup, id, 2);
    emu.clock.advanceSeconds(7200);
    const all = await buildDbtCloudPollingSensor({ workspace: setup, lookbackSeconds: 10_000 }).tick();
    expect(all.runs).toHaveLength(10);

    const slow = instrumentedFetch({ onRequest: () => emu?.clock.advance(500) });
    const ws = workspaceFor(emu, { fetch: slow.fetch });
    const sensor = buildDbtCloudPollingSensor({ workspace: ws, lookbackSeconds: 20_000, concurrency: 2 });
    const parts: TickResult[] = [];
    let cursor: string | undefined;
    for (let i = 0; i < 20; i++) {
      const part = await sensor.tick({ cursor, budgetMs: 3000 });
      parts.push(part);
      cursor = part.cursor;
      if (part.complete) break;
    }
    expect(parts.length).toBeGreaterThan(2);
    expect(parts.slice(0, -1).every((p) => !p.complete)).toBe(true);
    expect(parts.flatMap((p) => p.runs.map((r) => r.runId))).toEqual(all.runs.map((r) => r.runId));
    expect(parts.flatMap((p) => p.events).map((e) => `${e.runId}:${e.uniqueId}`)).toEqual(
      all.events.map((e) => `${e.runId}:${e.uniqueId}`),
    );
  });

  it("an aborted tick reports a prefix and the cursor resumes after it", async () => {
    emu = await startVirtualEmulator();
    const setup = workspaceFor(emu);
    for (const id of [1001, 1004, 1005]) await trigger(setup, id, 2);
    emu.clock.advanceSeconds(7200);
    const controller = new AbortController();
    let artifactRequests = 0;
    const fetcher = instrumentedFetch({
      onRequest: (url) => {
        if (url.pathname.endsWith("run_results.json") && ++artifactRequests === 3) controller.abort();
      },
    });
    const sensor = buildDbtCloudPollingSensor({
      workspace: workspaceFor(emu, { fetch: fetcher.fetch }),
      lookbackSeconds: 10_000,
      concurrency: 1,
    });
    const cut = await sensor.tick({ signal: controller.signal });
    expect(cut.complete).toBe(false);
    expect(cut.runs).toHaveLength(2);
    const rest = await sensor.tick({ cursor: cut.cursor });
    expect(rest.complete).toBe(true);
    expect([...cut.runs, ...rest.runs].map((r) => r.runId)).toHaveLength(6);
    expect(new Set([...cut.runs, ...rest.runs].map((r) => r.runId)).size).toBe(6);
  });

  it("survives a rate limit on the listing through the client's retry", async () => {
    emu = await startVirtualEmulator();
    const ws = workspaceFor(emu);
    await trigger(ws, 1001);
    emu.clock.advanceSeconds(3600);
    emu.faults.add({ operation: "listRuns", kind: "status", status: 429, retryAfterSeconds: 2 });
    const log = recordingLogger();
    const result = await buildDbtCloudPollingSensor({
      workspace: ws,
      lookbackSeconds: 7200,
      logger: log,
    }).tick();
    expect(result.runs).toHaveLength(1);
    // The 429 and its retry, then the in-flight row and the cancelled listing.
    expect(emu.requests.count({ operation: "listRuns" })).toBe(4);
  });

  it("rejects a foreign or unreadable cursor with how to reset, before any request", async () => {
    emu = await startVirtualEmulator();
    const prod = buildDbtCloudPollingSensor({ workspace: workspaceFor(emu) });
    const ci = buildDbtCloudPollingSensor({ workspace: workspaceFor(emu, { environmentId: CI_ENV }) });
    const { cursor } = await prod.tick();
    emu.requests.clear();
    await expect(ci.tick({ cursor })).rejects.toThrow(DbtCloudSensorCursorError);
    await expect(ci.tick({ cursor })).rejects.toThrow(
      /belongs to "dbt_cloud_1_11_101__run_status_sensor".*delete the stored cursor/s,
    );
    await expect(prod.tick({ cursor: "{not json" })).rejects.toThrow(/not JSON.*To start over/s);
    await expect(prod.tick({ cursor: JSON.stringify({ offset: 3 }) })).rejects.toThrow(
      /not a dbt-cloud-kit\/sensor-cursor cursor/,
    );
    await expect(prod.tick({ cursor: cursor.replace('"version":1', '"version":9') })).rejects.toThrow(
      /format version 9/,
    );
    expect(emu.requests.count()).toBe(0);
  });

  it("takes every moment from the workspace client's clock", async () => {
    emu = await startVirtualEmulator();
    const ws = workspaceFor(emu, { clock: emulatorClock(emu) });
    // The emulator's virtual clock is in 2026 far from the machine's: a run is only seen through it.
    // One advance may move a year at most.
    emu.clock.advanceSeconds(86_400 * 200);
    emu.clock.advanceSeconds(86_400 * 200);
    const sensor = buildDbtCloudPollingSensor({ workspace: ws });
    const start = await sensor.tick();
    await trigger(ws, 1001);
    emu.clock.advanceSeconds(600);
    const next = await sensor.tick({ cursor: start.cursor });
    expect(next.runs).toHaveLength(1);
  });
});
