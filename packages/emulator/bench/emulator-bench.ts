/**
 * Emulator bench: startup time, then 200 concurrent clients polling their runs as fast as they can.
 * Prints figures, asserts nothing (machine speed varies); run with `pnpm --filter @dbt-cloud-kit/emulator bench`.
 */
import { Agent, get } from "node:http";
import { availableParallelism } from "node:os";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";
import { startEmulator } from "../src/index.js";

const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 200);
const DURATION_MS = Number(process.env.BENCH_DURATION_MS ?? 5_000);
const STARTS = 20;

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

const fmt = (ms: number) => `${ms.toFixed(2)} ms`;

async function benchStartup(): Promise<void> {
  const first = performance.now();
  const emu = await startEmulator();
  const firstMs = performance.now() - first;
  await emu.close();
  const times: number[] = [];
  for (let i = 0; i < STARTS; i++) {
    const t0 = performance.now();
    const e = await startEmulator();
    times.push(performance.now() - t0);
    await e.close();
  }
  times.sort((a, b) => a - b);
  console.log("startup (startEmulator → listening)");
  console.log(`  first start in this process:     ${fmt(firstMs)}`);
  console.log(
    `  next ${STARTS} starts: median ${fmt(percentile(times, 50))}, p95 ${fmt(percentile(times, 95))}`,
  );
  console.log(`  budget 1000 ms → first start uses ${((firstMs / 1000) * 100).toFixed(1)}% of it`);
}

interface PollerJob {
  url: string;
  accountId: number;
  token: string;
  runIds: number[];
  durationMs: number;
  /** Pause between a client's polls; 0 = poll as fast as possible. */
  intervalMs: number;
}

interface PollerResult {
  latencies: number[];
  errors: number;
  statuses: Array<[number, number]>;
}

/** One worker thread's share of the pollers (clients run off the emulator's thread, like real clients). */
async function poll(job: PollerJob): Promise<PollerResult> {
  const headers = { authorization: `Bearer ${job.token}` };
  // node:http with a keep-alive agent: a lighter client than fetch, so the figures reflect the server more.
  const agent = new Agent({ keepAlive: true, maxSockets: job.runIds.length });
  const request = (url: string) =>
    new Promise<{ status: number; body: string }>((resolve, reject) => {
      get(url, { agent, headers }, (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => {
          body += chunk;
        });
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
        res.on("error", reject);
      }).on("error", reject);
    });
  const latencies: number[] = [];
  let errors = 0;
  const statuses = new Map<number, number>();
  const deadline = performance.now() + job.durationMs;
  await Promise.all(
    job.runIds.map(async (id) => {
      while (performance.now() < deadline) {
        const t0 = performance.now();
        try {
          const res = await request(`${job.url}/api/v2/accounts/${job.accountId}/runs/${id}/`);
          const body = JSON.parse(res.body) as { data?: { status?: number } };
          latencies.push(performance.now() - t0);
          if (res.status !== 200) errors++;
          const s = body.data?.status ?? 0;
          statuses.set(s, (statuses.get(s) ?? 0) + 1);
        } catch {
          errors++;
        }
        if (job.intervalMs > 0) await new Promise((r) => setTimeout(r, job.intervalMs));
      }
    }),
  );
  agent.destroy();
  return { latencies, errors, statuses: [...statuses] };
}

async function benchPolling(intervalMs: number): Promise<void> {
  const emu = await startEmulator({ clock: { mode: "real", speed: 20 } });
  const jobs = emu.jobs.list().map((j) => j.id);
  const runIds: number[] = [];
  for (let i = 0; i < CLIENTS; i++) {
    const res = await fetch(
      `${emu.url}/api/v2/accounts/${emu.accountId}/jobs/${jobs[i % jobs.length]}/run/`,
      {
        method: "POST",
        headers: { authorization: `Bearer ${emu.token}`, "content-type": "application/json" },
        body: JSON.stringify({ cause: `bench client ${i}` }),
      },
    );
    runIds.push(((await res.json()) as { data: { id: number } }).data.id);
  }
  const workers = Math.max(1, Math.min(4, availableParallelism() - 1));
  const started = performance.now();
  const results = await Promise.all(
    Array.from({ length: workers }, (_, w) => {
      const share = runIds.filter((_, i) => i % workers === w);
      const data: PollerJob = {
        url: emu.url,
        accountId: emu.accountId,
        token: emu.token,
        runIds: share,
        durationMs: DURATION_MS,
        intervalMs,
      };
      return new Promise<PollerResult>((resolve, reject) => {
        const worker = new Worker(fileURLToPath(import.meta.url), { workerData: data });
        worker.once("message", (m: PollerResult) => resolve(m));
        worker.once("error", reject);
      });
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  const serverTimes = emu.requests
    .list({ operation: "getRun" })
    .map((r) => r.durationMs)
    .sort((a, b) => a - b);
  await emu.close();
  const latencies = results.flatMap((r) => r.latencies).sort((a, b) => a - b);
  const errors = results.reduce((n, r) => n + r.errors, 0);
  const statuses = new Map<number, number>();
  for (const r of results) for (const [s, n] of r.statuses) statuses.set(s, (statuses.get(s) ?? 0) + n);
  const pace = intervalMs > 0 ? `each polling every ${intervalMs} ms` : "each polling back to back";
  console.log(
    `\n${CLIENTS} concurrent pollers (${pace}) in ${workers} worker thread(s) for ${(DURATION_MS / 1000).toFixed(0)} s, GET /runs/{id}/ over node:http keep-alive`,
  );
  console.log(
    `  requests:      ${latencies.length} (${(latencies.length / elapsed).toFixed(0)} req/s), errors: ${errors}`,
  );
  console.log(
    `  latency:       p50 ${fmt(percentile(latencies, 50))}, p90 ${fmt(percentile(latencies, 90))}, p99 ${fmt(percentile(latencies, 99))}, max ${fmt(latencies.at(-1) ?? 0)}`,
  );
  console.log(
    `  server-side:   p50 ${fmt(percentile(serverTimes, 50))}, p99 ${fmt(percentile(serverTimes, 99))} per request (request log durationMs; the rest is client queueing)`,
  );
  console.log(
    `  statuses seen: ${[...statuses]
      .sort((a, b) => a[0] - b[0])
      .map(([s, n]) => `${s}×${n}`)
      .join(", ")}`,
  );
}

if (isMainThread) {
  await benchStartup();
  await benchPolling(0);
  await benchPolling(500);
} else {
  parentPort?.postMessage(await poll(workerData as PollerJob));
}
