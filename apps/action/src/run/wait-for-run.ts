import { formatDuration } from "@dbt-cloud-kit/app-kit";
import type { DbtCloudClient, DbtCloudRun } from "@dbt-cloud-kit/client";
import {
  DbtCloudApiError,
  DbtCloudAuthError,
  DbtCloudNetworkError,
  DbtCloudNotFoundError,
  DbtCloudResponseError,
  DbtCloudTimeoutError,
  realSleep,
  runStatusName,
} from "@dbt-cloud-kit/client";

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

/** Consecutive unusable poll responses tolerated before the wait gives up. */
const MAX_CONSECUTIVE_POLL_FAILURES = 5;

/**
 * Waits with the client's adaptive polling. A poll whose answer is unusable even after the client's own
 * retries (e.g. a 200 with a cut-off JSON body) does not end a long wait: waiting resumes, up to
 * MAX_CONSECUTIVE_POLL_FAILURES times in a row. Auth and not-found errors end it at once.
 */
export async function waitForTerminal(
  client: DbtCloudClient,
  runId: number,
  options: WaitOptions,
): Promise<WaitOutcome> {
  const now = options.now ?? Date.now;
  const started = now();
  let last: DbtCloudRun | undefined;
  let lastLine = "";
  let failures = 0;
  for (;;) {
    const remaining = options.timeoutMs > 0 ? Math.max(1, options.timeoutMs - (now() - started)) : 0;
    try {
      const run = await client.waitForRun(runId, {
        pollIntervalMs: options.pollIntervalMs,
        initialPollIntervalMs: Math.min(1000, options.pollIntervalMs),
        ...(remaining > 0 ? { timeoutMs: remaining } : {}),
        signal: options.signal,
        // Status lines are ours (with elapsed time and queue position); the client's go to debug.
        logger: { ...client.logger, info: (m) => client.logger.debug(m) },
        onPoll: (current: DbtCloudRun) => {
          failures = 0;
          last = current;
          options.onRun?.(current);
          const line = describeStatusChange(current, now() - started);
          // Queue position changes count as changes; identical lines are noise.
          if (line.replace(/^\[[^\]]*\] /, "") !== lastLine) options.log(line);
          lastLine = line.replace(/^\[[^\]]*\] /, "");
        },
      });
      return { kind: "finished", run };
    } catch (error) {
      if (error instanceof DbtCloudTimeoutError) return { kind: "timeout", run: error.lastRun ?? last };
      if (options.signal.aborted) {
        const reason =
          options.signal.reason instanceof Error
            ? options.signal.reason.message
            : String(options.signal.reason);
        return { kind: "aborted", run: last, reason };
      }
      if (!isTransientPollError(error) || ++failures > MAX_CONSECUTIVE_POLL_FAILURES) throw error;
      options.log(`Polling run ${runId} failed (${(error as Error).message}); still waiting.`);
      await realSleep(Math.min(options.pollIntervalMs, 5000) * failures, options.signal).catch(
        () => undefined,
      );
    }
  }
}

function isTransientPollError(error: unknown): boolean {
  if (error instanceof DbtCloudAuthError || error instanceof DbtCloudNotFoundError) return false;
  return (
    error instanceof DbtCloudResponseError ||
    error instanceof DbtCloudApiError ||
    error instanceof DbtCloudNetworkError
  );
}

/** Aborts the returned signal on SIGTERM / SIGINT; `dispose` removes the handlers. */
export function abortOnSignals(): { signal: AbortSignal; dispose: () => void } {
  const controller = new AbortController();
  const handlers = (["SIGTERM", "SIGINT"] as const).map((name) => {
    const handler = () => controller.abort(new Error(`received ${name}`));
    process.on(name, handler);
    return () => process.off(name, handler);
  });
  return {
    signal: controller.signal,
    dispose: () => {
      for (const off of handlers) off();
    },
  };
}
