/**
 * Polling schedule benchmark (virtual clock, no network): for runs lasting 5 s, 60 s, 600 s and
 * 3600 s, how many API calls does `waitForRun` make and how late does it see the end, compared with
 * a fixed-interval poller using the same cap? Both pollers are the real `waitForRun`.
 *
 * Targets: detection latency ≤ min(cap, max(1 s, 10% of the duration)); at most 6 calls
 * more than the fixed poller.
 */
import { type Clock, type DbtCloudRun, waitForRun } from "../src/index.js";

interface Outcome {
  calls: number;
  latencyMs: number;
}

async function simulate(
  durationMs: number,
  schedule: { initialPollIntervalMs: number; pollIntervalMs: number; pollGrowth?: number },
): Promise<Outcome> {
  let now = 0;
  let calls = 0;
  const clock: Clock = {
    now: () => now,
    random: () => 0.5,
    sleep: async (ms) => {
      now += ms;
    },
  };
  const reader = {
    getRun: async (id: number): Promise<DbtCloudRun> => {
      calls++;
      return { id, status: now >= durationMs ? 10 : 3 };
    },
  };
  await waitForRun(reader, 1, { clock, ...schedule });
  return { calls, latencyMs: now - durationMs };
}

const durations = [5_000, 60_000, 600_000, 3_600_000];
const caps = [10_000, 30_000, 60_000];
const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const pad = (v: string | number, n: number) => String(v).padStart(n);

let misses = 0;
for (const cap of caps) {
  console.log(`\ncap (poll-interval) = ${s(cap)}`);
  console.log(
    `${pad("run", 8)} | ${pad("ours: calls", 11)} ${pad("latency", 9)} | ${pad("fixed: calls", 12)} ${pad("latency", 9)} | ${pad(
      "latency target",
      14,
    )} ${pad("extra calls", 11)} | result`,
  );
  for (const d of durations) {
    const ours = await simulate(d, { initialPollIntervalMs: 1000, pollIntervalMs: cap });
    const fixed = await simulate(d, { initialPollIntervalMs: cap, pollIntervalMs: cap });
    const latencyTarget = Math.min(cap, Math.max(1000, 0.1 * d));
    const extra = ours.calls - fixed.calls;
    const latencyOk = ours.latencyMs <= latencyTarget;
    const callsOk = extra <= 6;
    if (!latencyOk || !callsOk) misses++;
    console.log(
      `${pad(s(d), 8)} | ${pad(ours.calls, 11)} ${pad(s(ours.latencyMs), 9)} | ${pad(fixed.calls, 12)} ${pad(
        s(fixed.latencyMs),
        9,
      )} | ${pad(`≤ ${s(latencyTarget)}`, 14)} ${pad(`+${extra}`, 11)} | latency ${latencyOk ? "ok" : "MISS"}, calls ${
        callsOk ? "ok" : "MISS (> +6)"
      }`,
    );
  }
}

console.log("\nTrade-off at cap 10 s: growth = gap as a fraction of the time waited (default 0.1)");
console.log(`${pad("growth", 6)} | ${durations.map((d) => pad(`${s(d)}: calls/latency`, 24)).join(" | ")}`);
for (const growth of [0.1, 0.25, 0.5]) {
  const cells: string[] = [];
  for (const d of durations) {
    const ours = await simulate(d, {
      initialPollIntervalMs: 1000,
      pollIntervalMs: 10_000,
      pollGrowth: growth,
    });
    const fixed = await simulate(d, { initialPollIntervalMs: 10_000, pollIntervalMs: 10_000 });
    cells.push(pad(`${ours.calls} (+${ours.calls - fixed.calls}) / ${s(ours.latencyMs)}`, 24));
  }
  console.log(`${pad(growth, 6)} | ${cells.join(" | ")}`);
}

console.log(
  `\n${misses === 0 ? "All targets met." : `${misses} row(s) miss a target.`} Note: a schedule whose gap after a poll at t` +
    " is larger than max(1 s, 10% of t) misses the latency target for a run ending just after t, so the latency" +
    " target alone forces about 10 + ln(cap/1 s)/ln(1.1) polls during the first 10×cap seconds, i.e. 24 more than a" +
    " 10 s fixed poller; both targets together are only reachable for caps of about 2 s or less.",
);
