import type { Clock } from "./clock.js";
import type { Logger } from "./logger.js";
import {
  type LostResponseEvent,
  type LostResponseOptions,
  parseTimestamp,
  postWithRecovery,
} from "./lost-response-recovery.js";
import type { DbtCloudRun } from "./models/run.js";
import { buildTriggerBody, type TriggerRunBody, type TriggerRunOptions } from "./trigger-options.js";

/** What happened after a trigger POST failed ambiguously. */
export type TriggerRecoveryEvent =
  | { kind: "adopted"; run: DbtCloudRun; error: unknown; attempt: number }
  | { kind: "retriggering"; error: unknown; attempt: number; delayMs: number };

/** How `triggerJobRun` recovers from a lost response (see {@link LostResponseOptions}). */
export interface TriggerRecoveryOptions extends LostResponseOptions {
  /** Observe recoveries (the action reports them). Also logged as warnings. */
  onRecovery?: ((event: TriggerRecoveryEvent) => void) | undefined;
}

/** Does `run` look like the one our POST would have created? */
function matchesTrigger(run: DbtCloudRun, body: TriggerRunBody, sinceMs: number): boolean {
  const created = parseTimestamp(run.created_at);
  if (created !== undefined && created < sinceMs) return false;
  const trigger = run.trigger;
  if (!trigger || trigger.cause !== body.cause) return false;
  if (body.git_sha && trigger.git_sha && trigger.git_sha !== body.git_sha) return false;
  if (body.git_branch && trigger.git_branch && trigger.git_branch !== body.git_branch) return false;
  if (body.schema_override && trigger.schema_override && trigger.schema_override !== body.schema_override)
    return false;
  return true;
}

/** What the recovery needs from the client: one POST without retries, and the job's newest runs. */
interface TriggerTransport {
  post(body: TriggerRunBody, signal: AbortSignal | undefined): Promise<DbtCloudRun>;
  recentRuns(signal: AbortSignal | undefined): AsyncIterable<DbtCloudRun>;
  clock: Clock;
  logger: Logger;
}

/**
 * Triggers a job run; after an ambiguous failure adopts the run of this job created since the attempt
 * with the same cause (and git sha / branch / schema when given) instead of triggering a second one.
 */
export async function triggerWithRecovery(
  transport: TriggerTransport,
  jobId: number,
  overrides: TriggerRunOptions,
  options: TriggerRecoveryOptions,
): Promise<DbtCloudRun> {
  const body = buildTriggerBody(overrides);
  const onEvent = options.onRecovery
    ? (event: LostResponseEvent) =>
        options.onRecovery?.(event.kind === "resending" ? { ...event, kind: "retriggering" } : event)
    : undefined;
  return postWithRecovery(
    {
      clock: transport.clock,
      logger: transport.logger,
      post: (signal) => transport.post(body, signal),
      find: (sinceMs, signal) => findTriggeredRun(transport.recentRuns(signal), body, sinceMs),
      messages: {
        started: (run) =>
          `Triggered dbt Cloud job ${jobId}: run ${run.id}${run.href ? ` (${run.href})` : ""}`,
        rateLimited: (delayMs) =>
          `Trigger of job ${jobId} was rate limited; trying again in ${Math.round(delayMs / 1000)} s`,
        ambiguous: (error) =>
          `Trigger of dbt Cloud job ${jobId} failed ambiguously (${error.message}); ` +
          "checking whether the run was created before triggering again",
        lookupFailed: (error, lookupError) =>
          `Triggering dbt Cloud job ${jobId} failed ambiguously (${error.message}) and looking for the run it may have created failed too (${lookupError.message}). Check the job's runs before triggering again.`,
        adopted: (run) =>
          `Recovered from a lost trigger response: adopted run ${run.id} of job ${jobId} (same cause, created after the attempt)`,
        resending: () => `No run of job ${jobId} was created by the failed attempt; triggering again`,
        // A trigger POST is never refused for having been sent before, so this cannot happen.
        unresolved: (_first, refusal) => refusal.message,
      },
    },
    options,
    onEvent,
  );
}

async function findTriggeredRun(
  recent: AsyncIterable<DbtCloudRun>,
  body: TriggerRunBody,
  sinceMs: number,
): Promise<DbtCloudRun | undefined> {
  // Newest first; a lost run is among the most recent ones of its job.
  for await (const run of recent) {
    const created = parseTimestamp(run.created_at);
    if (created !== undefined && created < sinceMs) return undefined;
    if (matchesTrigger(run, body, sinceMs)) return run;
  }
  return undefined;
}
