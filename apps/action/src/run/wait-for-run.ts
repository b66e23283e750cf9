import { formatDuration } from "@dbt-cloud-kit/app-kit";
import type { DbtCloudClient, DbtCloudRun } from "@dbt-cloud-kit/client";
import { DbtCloudTimeoutError, runStatusName } from "@dbt-cloud-kit/client";
import { abortReasonText } from "./workflow-cancelled.js";

export type WaitOutcome =
  | { kind: "finished"; run: DbtCloudRun }
  | { kind: "timeout"; run: DbtCloudRun | undefined }
  | { kind: "aborted"; run: DbtCloudRun | undefined; reason: string };

export interface WaitOptions {
  pollIntervalMs: number;
  timeoutMs: number;
  /** Aborted by SIGTERM / SIGINT (the runner cancelling the workflow). */
  signal: AbortSignal;
  log: (message: string) => void;
  /** Every run read while waiting, so a caller knows the last status even when waiting fails. */
  onRun?: (run: DbtCloudRun) => void;
  /** Time for the elapsed time in status lines; default the client's clock. */
  now?: () => number;
}

/** One log line per status change, with the time since waiting began and the queue position. */
export function describeStatusChange(run: DbtCloudRun, elapsedMs: number): string {
  const blockers = run.blocked_by ?? [];
  const queue =
    run.status === 1 && blockers.length > 0
      ? ` — queue position ${blockers.length + 1}, waiting behind run${blockers.length > 1 ? "s" : ""} ${blockers.join(", ")}`
      : "";
  const message = run.status >= 10 && run.status_message ? ` — ${run.status_message}` : "";
  return `[${formatDuration(elapsedMs / 1000)}] Run ${run.id}: ${runStatusName(run.status)}${queue}${message}`;
}

/**
 * Reads in a row that may fail after the client's own retries (a dbt Cloud blip during a long run) before
 * the wait gives up. The client counts them and keeps its poll schedule going.
 */
export const MAX_CONSECUTIVE_READ_ERRORS = 5;

/**
 * Waits with the client's adaptive polling: the client owns the schedule, read-error tolerance and status
 * change detection; the action decides what to print (status lines with elapsed time and queue position)
 * and turns a timeout or an abort into an outcome. Auth and not-found errors end it at once.
 */
export async function waitForTerminal(
  client: DbtCloudClient,
  runId: number,
  options: WaitOptions,
): Promise<WaitOutcome> {
  const now = options.now ?? (() => client.clock.now());
  const started = now();
  let last: DbtCloudRun | undefined;
  let printedQueue: string | undefined;
  const print = (run: DbtCloudRun) => {
    printedQueue = queueKey(run);
    options.log(describeStatusChange(run, now() - started));
  };
  try {
    const run = await client.waitForRun(runId, {
      pollIntervalMs: options.pollIntervalMs,
      initialPollIntervalMs: Math.min(1000, options.pollIntervalMs),
      ...(options.timeoutMs > 0 ? { timeoutMs: options.timeoutMs } : {}),
      signal: options.signal,
      maxConsecutiveReadErrors: MAX_CONSECUTIVE_READ_ERRORS,
      // Status lines are ours (with elapsed time and queue position); the client's go to debug.
      logger: { ...client.logger, info: (m) => client.logger.debug(m) },
      onStatusChange: print,
      onPoll: (current: DbtCloudRun) => {
        last = current;
        options.onRun?.(current);
        // A new queue position is worth a line too; the same status again is not.
        if (queueKey(current) !== printedQueue) print(current);
      },
    });
    return { kind: "finished", run };
  } catch (error) {
    if (error instanceof DbtCloudTimeoutError) return { kind: "timeout", run: error.lastRun ?? last };
    if (options.signal.aborted)
      return { kind: "aborted", run: last, reason: abortReasonText(options.signal) };
    throw error;
  }
}

/** What a queued run waits behind; undefined once it left the queue. */
function queueKey(run: DbtCloudRun): string | undefined {
  return run.status === 1 ? (run.blocked_by ?? []).join(",") : undefined;
}
