// One tick over 1,000 finished runs in the emulator with 50 ms injected latency, beside the same tick
// with concurrency 1; the sensor's memory at 250 and 1,000 runs; then webhook-to-events latency
// beside polling's detection latency. The emulator of the tick measurements runs in a child process.
import { createHmac } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { type Clock, DbtCloudClient, DbtCloudWorkspace, type FetchLike } from "@dbt-cloud-kit/client";
import { DbtCloudCredentials } from "@dbt-cloud-kit/credentials";
import { startEmulator } from "@dbt-cloud-kit/emulator";
import { buildDbtCloudPollingSensor, type DbtCloudPollingSensor } from "../src/index.js";
import {
  emulatorClock,
  instrumentedFetch,
  trigger,
  workspaceConfig,
  workspaceFor,
} from "../test/support/emulator-fixture.js";
import { HOST_ROLE, type PreparedEmulator, serveEmulatorHost, startEmulatorHost } from "./emulator-host.js";

const RUNS = Number(process.env.BENCH_RUNS ?? 1000);
/** `BENCH_ONLY=memory` runs the memory lines alone. */
const ONLY = process.env.BENCH_ONLY;
const JOBS = 10;
const LATENCY_MS = 50;
const MB = 2 ** 20;
const MEMORY_CONCURRENCY = 8;
const gc = (globalThis as { gc?: () => void }).gc;

/** The emulator's virtual time, frozen there, plus the real time elapsed since: runs stay finished. */
function clockFrom(emulatorNow: number): Clock {
  const t0 = performance.now();
  return {
    now: () => emulatorNow + Math.floor(performance.now() - t0),
    sleep: (ms, signal) => sleep(ms, undefined, signal ? { signal } : {}),
    random: Math.random,
  };
}

function remoteWorkspace(emu: PreparedEmulator, fetch: FetchLike): DbtCloudWorkspace {
  const credentials = DbtCloudCredentials.parse({
    accountId: emu.accountId,
    token: emu.token,
    accessUrl: emu.url,
  });
  const client = new DbtCloudClient({ credentials, clock: clockFrom(emu.now), fetch });
  return new DbtCloudWorkspace({ credentials, client, projectId: 11, environmentId: 101 });
}

async function timeTick(emu: PreparedEmulator, concurrency: number) {
  const counting = instrumentedFetch();
  const sensor: DbtCloudPollingSensor | undefined = buildDbtCloudPollingSensor({
    workspace: remoteWorkspace(emu, counting.fetch),
    concurrency,
    lookbackSeconds: 86_400,
  });
  const started = performance.now();
  const result = await sensor.tick();
  return { result, wallMs: performance.now() - started, requests: counting.counts };
}

/**
 * The sensor's heap during one tick, as live bytes (after a full GC) sampled every 100 ms, and what
 * the returned runs and events hold once the tick is over (the sensor itself dropped).
 */
async function measureMemory(emu: PreparedEmulator) {
  if (!gc) throw new Error("run the bench with --expose-gc (pnpm bench does)");
  const counting = instrumentedFetch();
  let sensor: DbtCloudPollingSensor | undefined = buildDbtCloudPollingSensor({
    workspace: remoteWorkspace(emu, counting.fetch),
    concurrency: MEMORY_CONCURRENCY,
    lookbackSeconds: 86_400,
  });
  // Warm-up on a tenth of the runs: code compiled lazily and connection pools are not the sensor's.
  await buildDbtCloudPollingSensor({
    workspace: remoteWorkspace(emu, instrumentedFetch().fetch),
    jobIds: [5001],
    lookbackSeconds: 86_400,
  }).tick();
  gc();
  const base = process.memoryUsage().heapUsed;
  const samples: { live: number; started: number }[] = [];
  const sampler = setInterval(() => {
    gc();
    samples.push({ live: process.memoryUsage().heapUsed - base, started: counting.counts.runResults });
  }, 100);
  const result = await sensor.tick();
  clearInterval(sampler);
  sensor = undefined; // its manifest cache is working memory, not the result
  gc();
  const retained = process.memoryUsage().heapUsed - base;
  return { runs: result.runs.length, events: result.events.length, samples, retained };
}

/**
 * The returned runs and events grow through a tick, so a sample's working set is its live heap minus
 * the result built so far: the result's cost per run (the slope between the two run counts, measured
 * side by side) times the runs whose run_results request had started, less `concurrency` still in
 * flight. The maximum over the tick is an upper bound on what the sensor holds beyond its result
 * (in-flight run_results, cached manifests, the listing); were it keeping every run's artifacts, it
 * would grow with the number of runs.
 */
function workingSet(m: Awaited<ReturnType<typeof measureMemory>>, perRun: number): number {
  const live = m.samples.map((s) => s.live - perRun * Math.max(0, s.started - MEMORY_CONCURRENCY));
  return Math.max(0, m.retained - perRun * m.runs, ...live);
}

async function timeTicks() {
  const host = await startEmulatorHost(RUNS, JOBS, LATENCY_MS);
  const pages = Math.ceil(RUNS / 100);
  const timed: Record<number, Awaited<ReturnType<typeof timeTick>>> = {};
  for (const concurrency of [8, 1]) {
    const m = await timeTick(host.emulator, concurrency);
    timed[concurrency] = m;
    if (m.result.runs.length !== RUNS) throw new Error(`expected ${RUNS} runs, got ${m.result.runs.length}`);
    console.log(
      `  concurrency ${concurrency}: ${m.result.runs.length} runs, ${m.result.events.length} events, ${m.requests.total} requests ` +
        `(${(m.requests.total / RUNS).toFixed(2)}/run; ${m.requests.list} finished-at pages, ${m.requests.otherLists} in-flight/cancelled, ` +
        `${m.requests.getRun} run, ${m.requests.runResults} run_results, ${m.requests.manifest} manifest; budget ${3 * RUNS + pages}), ` +
        `${(m.wallMs / 1000).toFixed(1)} s`,
    );
  }
  const ratio = (timed[8]?.wallMs ?? 0) / (timed[1]?.wallMs ?? 1);
  console.log(`  wall time concurrency 8 / concurrency 1: ${ratio.toFixed(3)} (target <= 0.25)`);
  await host.close();
}

async function main() {
  console.log(
    `sensor bench: one tick over ${RUNS} finished runs (${JOBS} jobs), ${LATENCY_MS} ms injected latency per request`,
  );
  if (ONLY !== "memory") await timeTicks();
  // Memory against the number of runs (concurrency 8, same latency), emulator in its own process.
  const memory: Awaited<ReturnType<typeof measureMemory>>[] = [];
  for (const runs of [250, 1000]) {
    const h = await startEmulatorHost(runs, JOBS, LATENCY_MS);
    const m = await measureMemory(h.emulator);
    await h.close();
    if (m.runs !== runs) throw new Error(`expected ${runs} runs, got ${m.runs}`);
    memory.push(m);
  }
  const [small, large] = memory as [(typeof memory)[0], (typeof memory)[0]];
  const perRun = (large.retained - small.retained) / (large.runs - small.runs);
  const working = memory.map((m) => workingSet(m, perRun));
  memory.forEach((m, i) => {
    const peak = Math.max(m.retained, ...m.samples.map((s) => s.live));
    console.log(
      `  memory: ${m.runs} runs → live heap peak +${(peak / MB).toFixed(1)} MB, returned result ${(m.retained / MB).toFixed(1)} MB ` +
        `(${m.events} events); sensor working set beyond the result at most ${((working[i] ?? 0) / MB).toFixed(1)} MB (${m.samples.length} samples)`,
    );
  });
  console.log(
    `  memory 1000 / 250 runs: sensor working set ${((working[1] ?? 0) / (working[0] ?? 1)).toFixed(2)}x (flat = 1; runs 4x); ` +
      `the result costs ${(perRun / 1024).toFixed(1)} KB per run`,
  );

  if (ONLY === "memory") return;
  // Webhook to events, beside polling's detection latency at minimumIntervalSeconds = 30.
  const secret = "bench-webhook-secret";
  const e = await startEmulator(
    workspaceConfig(Array.from({ length: JOBS }, (_, i) => ({ id: 5001 + i, name: `Bench job ${i}` }))),
  );
  e.faults.add({ operation: "*", kind: "delay", delayMs: LATENCY_MS, count: 10_000_000, when: "after" });
  const ws = workspaceFor(e, { clock: emulatorClock(e) });
  const sensor = buildDbtCloudPollingSensor({ workspace: ws, minimumIntervalSeconds: 30 });
  let cursor = (await sensor.tick()).cursor;
  const webhookMs: number[] = [];
  const pollingMs: number[] = [];
  for (let i = 0; i < 10; i++) {
    // Ticks every 30 s; the run (10 s long) finishes at a random point between two of them.
    const tickAt = e.clock.now() + 30_000;
    e.clock.advance(Math.floor(Math.random() * 19_000));
    const [runId] = await trigger(ws, 5001 + (i % JOBS), 1);
    e.clock.advanceSeconds(11);
    const run = await ws.client.getRun(runId as number);
    const finishedAt = Date.parse(run.finished_at as string);
    const rawBody = JSON.stringify({
      accountId: 1,
      webhooksID: "wsu_bench",
      eventId: `wev_${runId}`,
      timestamp: run.finished_at,
      eventType: "job.run.completed",
      webhookName: "bench",
      data: {
        jobId: String(run.job_definition_id),
        runId: String(runId),
        environmentId: "101",
        projectId: "11",
        runStatus: "Success",
        runStatusCode: 10,
        runFinishedAt: run.finished_at,
      },
    });
    const authorization = createHmac("sha256", secret).update(rawBody).digest("hex");
    const t0 = performance.now();
    const viaWebhook = await sensor.handleWebhook({ rawBody, headers: { authorization }, secret, cursor });
    webhookMs.push(performance.now() - t0);
    if (viaWebhook.runs.length !== 1) throw new Error("webhook did not report the run");
    // Polling (on a fresh cursor copy) sees it at the next tick: the wait until then plus the tick itself.
    if (e.clock.now() < tickAt) e.clock.advance(tickAt - e.clock.now());
    const t1 = performance.now();
    const polled = await sensor.tick({ cursor });
    const tickMs = performance.now() - t1;
    if (!polled.runs.some((r) => r.runId === runId)) throw new Error("polling did not report the run");
    pollingMs.push(tickAt - finishedAt + tickMs);
    cursor = polled.cursor;
  }
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  console.log(
    `  webhook → events: mean ${mean(webhookMs).toFixed(0)} ms (max ${Math.max(...webhookMs).toFixed(0)} ms); ` +
      `polling detection at minimumIntervalSeconds 30: mean ${(mean(pollingMs) / 1000).toFixed(1)} s (max ${(Math.max(...pollingMs) / 1000).toFixed(1)} s); ` +
      `ratio ${(mean(pollingMs) / mean(webhookMs)).toFixed(0)}x`,
  );
  await e.close();
}

if (process.argv[2] === HOST_ROLE) await serveEmulatorHost();
else await main();
