import { waitForTerminal } from "@dbt-cloud-kit/app-kit";
import { DbtCloudClient, type DbtCloudRun } from "@dbt-cloud-kit/client";
import { DbtCloudCredentials } from "@dbt-cloud-kit/credentials";
import { type Emulator, startEmulator } from "@dbt-cloud-kit/emulator";
import { afterEach, describe, expect, it } from "vitest";
import { JOBS } from "../e2e/emulator-env.js";

/** Attempts per read in the transport (the first included): a blip fails every one of them. */
const ATTEMPTS = 2;
const POLL_CAP_MS = 600_000;
const RUN_SECONDS = 7200;
/**
 * When the blips start, in ms since waiting began: apart enough that one ends (its reads spread over ~45%
 * of the time waited, the schedule's gaps being 10% of it) before the next begins.
 */
const BLIPS_AT_MS = [900_000, 1_800_000, 3_600_000];
/** Whole reads each blip fails in a row: more than the client tolerates by default (3), so a wait layered
 * over `client.waitForRun` that restarted it on an error would be caught here. */
const READS_PER_BLIP = 4;

let emu: Emulator | undefined;
afterEach(async () => {
  await emu?.close();
  emu = undefined;
});

interface Waited {
  run: DbtCloudRun;
  /** Reads the wait scheduled (the transport's retries not counted). */
  scheduledPolls: number;
  failedReads: number;
  /** Emulated ms between the run's end and the wait noticing it. */
  latencyMs: number;
  /** Emulated ms from the start of the wait to the run's end. */
  runMs: number;
  warnings: string[];
  /** What the action printed while waiting. */
  lines: string[];
}

/**
 * Waits for a two-hour run on the emulator's virtual clock, the client sleeping on that clock (nothing
 * really waits). With `blips`, dbt Cloud fails every attempt of READS_PER_BLIP reads from each of those moments.
 */
async function waitOnVirtualClock(blips: readonly number[]): Promise<Waited> {
  const e = await startEmulator({ clock: { mode: "virtual" } });
  emu = e;
  e.jobs.configure(JOBS.daily, { runSeconds: RUN_SECONDS });
  const warnings: string[] = [];
  let waitStart = Number.POSITIVE_INFINITY;
  const pending = [...blips];
  const client = new DbtCloudClient({
    credentials: DbtCloudCredentials.parse({ accountId: e.accountId, token: e.token, accessUrl: e.url }),
    fetch: (input, init) => globalThis.fetch(input, init as RequestInit),
    retry: { maxAttempts: ATTEMPTS },
    logger: { debug: () => {}, info: () => {}, warn: (m) => void warnings.push(m), error: () => {} },
    clock: {
      now: () => e.clock.now(),
      random: () => 0.5,
      async sleep(ms, signal) {
        if (signal?.aborted) throw signal.reason;
        e.clock.advance(ms);
        // A blip begins: the next reads fail on every attempt.
        if (pending[0] !== undefined && e.clock.now() - waitStart >= pending[0]) {
          pending.shift();
          e.faults.add({
            operation: "getRun",
            kind: "status",
            status: 503,
            count: ATTEMPTS * READS_PER_BLIP,
          });
        }
      },
    },
  });
  const started = await client.triggerJobRun(JOBS.daily, { cause: "wait schedule test" });
  e.requests.clear();
  waitStart = e.clock.now();
  const lines: string[] = [];
  const outcome = await waitForTerminal(client, started.id, {
    pollIntervalMs: POLL_CAP_MS,
    timeoutMs: 0,
    signal: new AbortController().signal,
    onStatusLine: (trusted, untrusted) => void lines.push(`${trusted}${untrusted}`),
  });
  expect(outcome.kind).toBe("finished");
  const run = (outcome as { run: DbtCloudRun }).run;
  const reads = e.requests.list({ operation: "getRun" });
  const faulted = reads.filter((r) => r.fault !== null).length;
  const finishedAt = Date.parse(run.finished_at ?? "");
  return {
    run,
    scheduledPolls: reads.length - faulted + faulted / ATTEMPTS,
    failedReads: faulted / ATTEMPTS,
    latencyMs: e.clock.now() - finishedAt,
    runMs: finishedAt - waitStart,
    warnings,
    lines,
  };
}

describe("waiting through dbt Cloud blips (one waiting layer)", () => {
  it("keeps its poll schedule through failed reads instead of restarting at 1 s", async () => {
    const calm = await waitOnVirtualClock([]);
    await emu?.close();
    const blips = await waitOnVirtualClock(BLIPS_AT_MS);

    expect(calm.run.status).toBe(10);
    expect(blips.run.status).toBe(10);
    // A restart at 1 s would ramp up again after every blip (dozens of extra polls each).
    expect(calm.scheduledPolls).toBeGreaterThan(30);
    expect(Math.abs(blips.scheduledPolls - calm.scheduledPolls)).toBeLessThanOrEqual(
      calm.scheduledPolls * 0.1,
    );
    // The blips really failed whole reads, after the transport's retries, and the client said so.
    expect(blips.failedReads).toBe(BLIPS_AT_MS.length * READS_PER_BLIP);
    for (const n of [1, READS_PER_BLIP]) {
      const said = new RegExp(`Could not read dbt Cloud run .* still waiting \\(${n}/\\d+\\)`);
      expect(blips.warnings.filter((w) => said.test(w))).toHaveLength(BLIPS_AT_MS.length);
    }
    // The action prints what the client reports: one line per status change, blips or not.
    for (const waited of [calm, blips]) {
      expect(waited.lines.map((l) => l.replace(/^\[[^\]]*\] Run \d+: /, ""))).toEqual([
        "Queued",
        "Starting",
        "Running",
        "Success",
      ]);
    }
    // The end is noticed within the adaptive bound: 10% of the time waited, at least 1 s, at most the cap.
    for (const waited of [calm, blips]) {
      const bound = Math.min(POLL_CAP_MS, Math.max(1000, 0.1 * waited.runMs));
      expect(waited.latencyMs).toBeGreaterThanOrEqual(0);
      expect(waited.latencyMs).toBeLessThanOrEqual(bound);
    }
  });
});
