import type { DbtCloudClient, DbtCloudRun } from "@dbt-cloud-kit/client";
import { DbtCloudTimeoutError } from "@dbt-cloud-kit/client";

export type WaitOutcome =
  | { kind: "finished"; run: DbtCloudRun }
  | { kind: "timeout"; run: DbtCloudRun | undefined }
  | { kind: "aborted"; run: DbtCloudRun | undefined };

export interface WaitOptions {
  pollIntervalMs: number;
  /** 0 = no limit. */
  timeoutMs: number;
  signal: AbortSignal;
  /** Every run read while waiting. */
  onPoll: (run: DbtCloudRun) => void;
}

/** Reads that may fail in a row (after the client's own retries) before a long wait gives up, as in the action. */
const MAX_CONSECUTIVE_READ_ERRORS = 5;

/** The client's adaptive polling; timeouts and interruptions become outcomes, API errors propagate. */
export async function waitForTerminal(
  client: DbtCloudClient,
  runId: number,
  options: WaitOptions,
): Promise<WaitOutcome> {
  let last: DbtCloudRun | undefined;
  try {
    const run = await client.waitForRun(runId, {
      pollIntervalMs: options.pollIntervalMs,
      initialPollIntervalMs: Math.min(1000, options.pollIntervalMs),
      ...(options.timeoutMs > 0 ? { timeoutMs: options.timeoutMs } : {}),
      signal: options.signal,
      maxConsecutiveReadErrors: MAX_CONSECUTIVE_READ_ERRORS,
      onPoll: (current: DbtCloudRun) => {
        last = current;
        options.onPoll(current);
      },
    });
    return { kind: "finished", run };
  } catch (error) {
    if (error instanceof DbtCloudTimeoutError) return { kind: "timeout", run: error.lastRun ?? last };
    if (options.signal.aborted) return { kind: "aborted", run: last };
    throw error;
  }
}
