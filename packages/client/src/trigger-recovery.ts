import { abortReason, type Clock } from "./clock.js";
import { DbtCloudError, DbtCloudRateLimitError } from "./errors.js";
import type { Logger } from "./logger.js";
import type { DbtCloudRun } from "./models/run.js";
import { isAmbiguousFailure } from "./retry-policy.js";
import { buildTriggerBody, type TriggerRunBody, type TriggerRunOptions } from "./trigger-options.js";

/** What happened after a trigger POST failed ambiguously. */
export type TriggerRecoveryEvent =
  | { kind: "adopted"; run: DbtCloudRun; error: unknown; attempt: number }
  | { kind: "retriggering"; error: unknown; attempt: number; delayMs: number };

export interface TriggerRecoveryOptions {
  signal?: AbortSignal | undefined;
  /** Observe recoveries (the action reports them). Also logged as warnings. */
  onRecovery?: ((event: TriggerRecoveryEvent) => void) | undefined;
  /** POST attempts in total. Default 3. */
  maxAttempts?: number | undefined;
  /** Wait before looking for the lost run, so it can show up in the list. Default 2 s. */
  lookupDelayMs?: number | undefined;
  /** Runs created up to this long before the attempt still count (clock skew). Default 60 s. */
  clockSkewMs?: number | undefined;
}

function parseTimestamp(value: string | null | undefined): number | undefined {
  if (!value) return undefined;
  const ms = Date.parse(value.includes("T") ? value : value.replace(" ", "T"));
  return Number.isNaN(ms) ? undefined : ms;
}

/** Does `run` look like the one our POST would have created? */
export function matchesTrigger(run: DbtCloudRun, body: TriggerRunBody, sinceMs: number): boolean {
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
export interface TriggerTransport {
  post(body: TriggerRunBody, signal: AbortSignal | undefined): Promise<DbtCloudRun>;
  recentRuns(signal: AbortSignal | undefined): AsyncIterable<DbtCloudRun>;
  clock: Clock;
  logger: Logger;
}

export async function triggerWithRecovery(
  transport: TriggerTransport,
  jobId: number,
  overrides: TriggerRunOptions,
  options: TriggerRecoveryOptions,
): Promise<DbtCloudRun> {
  const body = buildTriggerBody(overrides);
  const { clock, logger } = transport;
  const { signal } = options;
  const maxAttempts = Math.max(1, options.maxAttempts ?? 3);
  const skew = options.clockSkewMs ?? 60_000;
  const lookupDelay = options.lookupDelayMs ?? 2_000;
  let lastError: unknown;
  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    const attemptAt = clock.now();
    try {
      const run = await transport.post(body, signal);
      logger.info(`Triggered dbt Cloud job ${jobId}: run ${run.id}${run.href ? ` (${run.href})` : ""}`);
      return run;
    } catch (error) {
      if (signal?.aborted) throw abortReason(signal);
      lastError = error;
      if (error instanceof DbtCloudRateLimitError) {
        // A 429 means the request was refused, so re-sending cannot duplicate a run.
        if (attempt >= maxAttempts) throw error;
        const delayMs = error.retryAfterMs ?? 5_000 * attempt;
        logger.warn(
          `Trigger of job ${jobId} was rate limited; trying again in ${Math.round(delayMs / 1000)} s`,
        );
        await clock.sleep(delayMs, signal);
        continue;
      }
      if (!isAmbiguousFailure(error)) throw error;
      logger.warn(
        `Trigger of dbt Cloud job ${jobId} failed ambiguously (${(error as Error).message}); ` +
          "checking whether the run was created before triggering again",
      );
      await clock.sleep(lookupDelay, signal);
      let adopted: DbtCloudRun | undefined;
      try {
        adopted = await findTriggeredRun(transport.recentRuns(signal), body, attemptAt - skew);
      } catch (lookupError) {
        if (signal?.aborted) throw abortReason(signal);
        throw new DbtCloudError(
          `Triggering dbt Cloud job ${jobId} failed ambiguously (${(error as Error).message}) and looking for the run it may have created failed too (${(lookupError as Error).message}). Check the job's runs before triggering again.`,
          { cause: lookupError },
        );
      }
      if (adopted) {
        logger.warn(
          `Recovered from a lost trigger response: adopted run ${adopted.id} of job ${jobId} (same cause, created after the attempt)`,
        );
        options.onRecovery?.({ kind: "adopted", run: adopted, error, attempt });
        return adopted;
      }
      if (attempt >= maxAttempts) break;
      const delayMs = Math.round(1000 * 2 ** (attempt - 1) * (0.5 + clock.random() / 2));
      logger.warn(`No run of job ${jobId} was created by the failed attempt; triggering again`);
      options.onRecovery?.({ kind: "retriggering", error, attempt, delayMs });
      await clock.sleep(delayMs, signal);
    }
  }
  throw lastError;
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
