// One tick over 1,000 finished runs in the emulator with 50 ms injected latency, beside the same tick
// with concurrency 1; then webhook-to-events latency beside polling's detection latency.
import { createHmac } from "node:crypto";
import { type Emulator, startEmulator } from "../../emulator/src/index.js";
import { buildDbtCloudPollingSensor } from "../src/index.js";
import {
  emulatorClock,
  instrumentedFetch,
  MAIN_SHA,
  trigger,
  workspaceConfig,
  workspaceFor,
} from "../test/support/emulator-fixture.js";

const RUNS = Number(process.env.BENCH_RUNS ?? 1000);
const JOBS = 10;
const LATENCY_MS = 50;
const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});

async function prepare(runs: number): Promise<Emulator> {
  const jobs = Array.from({ length: JOBS }, (_, i) => ({ id: 5001 + i, name: `Bench job ${i}` }));
  const emu = await startEmulator(workspaceConfig(jobs));
  const ws = workspaceFor(emu);
  for (let i = 0; i < runs; i++) await trigger(ws, 5001 + (i % JOBS), 1, { gitSha: MAIN_SHA });
  emu.clock.advanceSeconds(Math.ceil(runs / JOBS) * 15 + 600);
  return emu;
}

async function measureTick(emu: Emulator, concurrency: number) {
  const counting = instrumentedFetch();
  const ws = workspaceFor(emu, { fetch: counting.fetch });
  const sensor = buildDbtCloudPollingSensor({ workspace: ws, concurrency, lookbackSeconds: 86_400 });
  gc();
  const base = process.memoryUsage().heapUsed;
  let peak = base;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().heapUsed);
  }, 5);
  const started = performance.now();
  const result = await sensor.tick();
  const wallMs = performance.now() - started;
  clearInterval(sampler);
  gc();
  // What the returned runs and events themselves occupy; the rest of the peak is working memory.
  const retained = process.memoryUsage().heapUsed - base;
  return {
    result,
    wallMs,
    requests: counting.counts,
    peakMb: (peak - base) / 2 ** 20,
    workingMb: Math.max(0, peak - base - retained) / 2 ** 20,
    retainedMb: retained / 2 ** 20,
  };
}

async function main() {
  console.log(
    `sensor bench: one tick over ${RUNS} finished runs (${JOBS} jobs), ${LATENCY_MS} ms injected latency per request`,
  );
  const emu = await prepare(RUNS);
  emu.faults.add({ operation: "*", kind: "delay", delayMs: LATENCY_MS, count: 10_000_000, when: "after" });
  const pages = Math.ceil(RUNS / 100);
  const rows: string[] = [];
  const results: Record<number, Awaited<ReturnType<typeof measureTick>>> = {};
  for (const concurrency of [8, 1]) {
    const m = await measureTick(emu, concurrency);
    results[concurrency] = m;
    if (m.result.runs.length !== RUNS) throw new Error(`expected ${RUNS} runs, got ${m.result.runs.length}`);
    rows.push(
      `concurrency ${concurrency}: ${m.result.runs.length} runs, ${m.result.events.length} events, ${m.requests.total} requests ` +
        `(${(m.requests.total / RUNS).toFixed(2)}/run; ${m.requests.list} list, ${m.requests.getRun} run, ${m.requests.runResults} run_results, ${m.requests.manifest} manifest; budget ${3 * RUNS + pages}), ` +
        `${(m.wallMs / 1000).toFixed(1)} s, peak heap +${m.peakMb.toFixed(0)} MB`,
    );
  }
  for (const row of rows) console.log(`  ${row}`);
  const ratio = (results[8]?.wallMs ?? 0) / (results[1]?.wallMs ?? 1);
  console.log(`  wall time concurrency 8 / concurrency 1: ${ratio.toFixed(3)} (target <= 0.25)`);
  await emu.close();

  // Memory against the number of runs (concurrency 8, same latency).
  for (const runs of [250, 1000]) {
    const e = await prepare(runs);
    e.faults.add({ operation: "*", kind: "delay", delayMs: LATENCY_MS, count: 10_000_000, when: "after" });
    const m = await measureTick(e, 8);
    console.log(
      `  memory: ${runs} runs → peak heap +${m.peakMb.toFixed(0)} MB = ${m.retainedMb.toFixed(0)} MB of returned results (${m.result.events.length} events) + ${m.workingMb.toFixed(0)} MB working memory`,
    );
    await e.close();
  }

  // Webhook to events, beside polling's detection latency at minimumIntervalSeconds = 30.
  const secret = "bench-webhook-secret";
  const e = await prepare(0);
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
    const [runId] = await trigger(ws, 5001 + (i % JOBS), 1, { gitSha: MAIN_SHA });
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

await main();
