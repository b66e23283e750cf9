import { abortReason, type Clock, resolveClock } from "./clock.js";
import { DbtCloudTimeoutError } from "./errors.js";
import { type Logger, noopLogger } from "./logger.js";
import type { DbtCloudRun } from "./models/run.js";
import { nextPollDelay } from "./polling-schedule.js";
import { isRetryableError } from "./retry-policy.js";
import { isKnownStatus, isTerminalStatus, runStatusName } from "./run-status.js";

export interface WaitForRunOptions {
  /** The longest gap between two polls; polling starts near 1 s and grows to this. Default 10 s. */
  pollIntervalMs?: number | undefined;
  /** First gap between polls. Default 1 s. */
  initialPollIntervalMs?: number | undefined;
  /** Gap as a fraction of the time waited so far (default 0.1: a run is seen at most 10% of its duration late). */
  pollGrowth?: number | undefined;
  /** Give up after this long (0 or undefined: no limit). One final read happens before giving up. */
  timeoutMs?: number | undefined;
  signal?: AbortSignal | undefined;
  logger?: Logger | undefined;
  /** Called on the first read and whenever `status` changes (`previous` is undefined the first time). */
  onStatusChange?:
    | ((run: DbtCloudRun, previous: DbtCloudRun | undefined) => void | Promise<void>)
    | undefined;
  /** Called after every read (e.g. to report `queued_position` / `blocked_by` while queued). */
  onPoll?: ((run: DbtCloudRun) => void | Promise<void>) | undefined;
  clock?: Partial<Clock> | undefined;
  /**
   * Reads that may fail in a row with a retryable error (after the client's own retries) before the
   * wait gives up, so a long outage of the API does not end a multi-hour wait. Default 3.
   */
  maxConsecutiveReadErrors?: number | undefined;
}

export interface RunReader {
  getRun(runId: number, options?: { signal?: AbortSignal | undefined }): Promise<DbtCloudRun>;
}

/**
 * Polls a run until its integer status is terminal (10, 20, 30) and returns it, whatever the
 * outcome (use `assertRunSucceeded` to turn 20/30 into an error). Unknown codes keep polling.
 * Never asks for `include_related`. On timeout, reads once more and throws `DbtCloudTimeoutError`
 * (carrying the last run) only if that read is still not terminal. Rejects with the abort reason
 * as soon as `signal` aborts.
 */
export async function waitForRun(
  reader: RunReader,
  runId: number,
  options: WaitForRunOptions = {},
): Promise<DbtCloudRun> {
  const clock = resolveClock(options.clock);
  const logger = options.logger ?? noopLogger;
  const { signal } = options;
  const timeoutMs = options.timeoutMs && options.timeoutMs > 0 ? options.timeoutMs : undefined;
  const schedule = {
    initialPollIntervalMs: options.initialPollIntervalMs,
    pollIntervalMs: options.pollIntervalMs,
    growth: options.pollGrowth,
  };
  const started = clock.now();
  let last: DbtCloudRun | undefined;

  const read = async (): Promise<DbtCloudRun> => {
    if (signal?.aborted) throw abortReason(signal);
    const run = await reader.getRun(runId, { signal });
    const previous = last;
    last = run;
    if (!isKnownStatus(run.status) && previous?.status !== run.status) {
      logger.warn(`dbt Cloud run ${runId} has an unknown status code ${run.status}; still waiting`);
    }
    if (previous?.status !== run.status) {
      logger.info(`dbt Cloud run ${runId}: ${runStatusName(run.status)}${run.href ? ` (${run.href})` : ""}`);
      await options.onStatusChange?.(run, previous);
    }
    await options.onPoll?.(run);
    return run;
  };

  const tolerated = Math.max(0, options.maxConsecutiveReadErrors ?? 3);
  let failures = 0;
  for (;;) {
    // When the deadline has passed, this read is the final re-read before declaring a timeout.
    let run: DbtCloudRun | undefined;
    try {
      run = await read();
      failures = 0;
    } catch (error) {
      if (signal?.aborted) throw abortReason(signal);
      if (!isRetryableError(error) || ++failures > tolerated) throw error;
      logger.warn(
        `Could not read dbt Cloud run ${runId} (${(error as Error).message}); still waiting (${failures}/${tolerated})`,
      );
    }
    if (run && isTerminalStatus(run.status)) return run;
    const elapsed = clock.now() - started;
    if (timeoutMs !== undefined && elapsed >= timeoutMs)
      throw new DbtCloudTimeoutError(runId, timeoutMs, last);
    let delay = nextPollDelay(elapsed, schedule);
    if (timeoutMs !== undefined) delay = Math.min(delay, timeoutMs - elapsed);
    await clock.sleep(delay, signal);
  }
}
