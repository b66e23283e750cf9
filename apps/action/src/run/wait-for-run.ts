import type { DbtCloudClient, DbtCloudRun } from "@dbt-cloud-kit/client";
import { DbtCloudTimeoutError, runStatusName } from "@dbt-cloud-kit/client";
import { formatDuration } from "./action-status.js";

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

export async function waitForTerminal(
  client: DbtCloudClient,
  runId: number,
  options: WaitOptions,
): Promise<WaitOutcome> {
  const now = options.now ?? Date.now;
  const started = now();
  let last: DbtCloudRun | undefined;
  let lastLine = "";
  try {
    const run = await client.waitForRun(runId, {
      pollIntervalMs: options.pollIntervalMs,
      initialPollIntervalMs: Math.min(1000, options.pollIntervalMs),
      ...(options.timeoutMs > 0 ? { timeoutMs: options.timeoutMs } : {}),
      signal: options.signal,
      // Status lines are ours (with elapsed time and queue position); the client's go to debug.
      logger: { ...client.logger, info: (m) => client.logger.debug(m) },
      onPoll: (current: DbtCloudRun) => {
        last = current;
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
    throw error;
  }
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
