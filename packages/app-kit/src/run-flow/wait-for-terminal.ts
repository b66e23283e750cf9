import type { DbtCloudClient, DbtCloudRun } from "@dbt-cloud-kit/client";
import { DbtCloudTimeoutError } from "@dbt-cloud-kit/client";
import { queueText, statusLineParts } from "../status/status-line.js";
import { abortReasonText } from "./abort-reason.js";

export type WaitOutcome =
  | { kind: "finished"; run: DbtCloudRun }
  | { kind: "timeout"; run: DbtCloudRun | undefined }
  | { kind: "aborted"; run: DbtCloudRun | undefined; reason: string };

export interface WaitOptions {
  /** The longest gap between polls (polling starts near 1 s and grows to it). */
  pollIntervalMs: number;
  /** 0 = no limit. */
  timeoutMs: number;
  /** Aborted by SIGTERM / SIGINT (a runner or CI system cancelling, or Ctrl-C). */
  signal: AbortSignal;
  /** Every run read while waiting, so a caller knows the last status even when waiting fails. */
  onPoll?: (run: DbtCloudRun) => void;
  /**
   * One line per change of status or queue position, with the time since waiting began: our words in
   * `trusted`, dbt Cloud's status message (untrusted, maybe "") in `untrusted`. The app decides whether
   * and how to print it.
   */
  onStatusLine?: (trusted: string, untrusted: string) => void;
  /** Time for the elapsed time in status lines; default the client's clock. */
  now?: () => number;
}

/**
 * Reads in a row that may fail after the client's own retries (a dbt Cloud blip during a long run) before
 * the wait gives up. The client counts them and keeps its poll schedule going.
 */
const MAX_CONSECUTIVE_READ_ERRORS = 5;

/**
 * Waits with the client's adaptive polling: the client owns the schedule, read-error tolerance and status
 * change detection; this reports status lines (elapsed time and queue position) to the app and turns a
 * timeout or an abort into an outcome. Auth and not-found errors end it at once.
 */
export async function waitForTerminal(
  client: Pick<DbtCloudClient, "waitForRun" | "clock" | "logger">,
  runId: number,
  options: WaitOptions,
): Promise<WaitOutcome> {
  const now = options.now ?? (() => client.clock.now());
  const started = now();
  let last: DbtCloudRun | undefined;
  let printed: string | undefined;
  try {
    const run = await client.waitForRun(runId, {
      pollIntervalMs: options.pollIntervalMs,
      initialPollIntervalMs: Math.min(1000, options.pollIntervalMs),
      ...(options.timeoutMs > 0 ? { timeoutMs: options.timeoutMs } : {}),
      signal: options.signal,
      maxConsecutiveReadErrors: MAX_CONSECUTIVE_READ_ERRORS,
      // Status lines are the app's (with elapsed time and queue position); the client's go to debug.
      logger: { ...client.logger, info: (m) => client.logger.debug(m) },
      onPoll: (current: DbtCloudRun) => {
        last = current;
        options.onPoll?.(current);
        // A new status or queue position is worth a line; the same again is not.
        const key = `${current.status}${queueText(current)}`;
        if (key === printed) return;
        printed = key;
        if (options.onStatusLine) {
          const { trusted, untrusted } = statusLineParts(current, now() - started);
          options.onStatusLine(trusted, untrusted);
        }
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
