import type { Clock } from "./clock.js";
import { DbtCloudApiError } from "./errors.js";
import type { Logger } from "./logger.js";
import {
  type LostResponseEvent,
  type LostResponseOptions,
  parseTimestamp,
  postWithRecovery,
} from "./lost-response-recovery.js";
import type { DbtCloudRun } from "./models/run.js";

/** What happened after a retry POST failed ambiguously: the run it started was adopted, or it is sent again. */
export type RetryRecoveryEvent = LostResponseEvent;

/** How `retryFailedRun` recovers from a lost response (see {@link LostResponseOptions}). */
export interface RetryRecoveryOptions extends LostResponseOptions {
  /** Observe recoveries. Also logged as warnings. */
  onRecovery?: ((event: RetryRecoveryEvent) => void) | undefined;
}

/** What the recovery needs from the client. */
interface RetryTransport {
  /** `POST /runs/{id}/retry/`, never retried by the transport. */
  post(signal: AbortSignal | undefined): Promise<DbtCloudRun>;
  getRun(runId: number, signal: AbortSignal | undefined): Promise<DbtCloudRun>;
  /** The job's runs, newest first, with `trigger`. */
  recentRuns(jobId: number, signal: AbortSignal | undefined): AsyncIterable<DbtCloudRun>;
  clock: Clock;
  logger: Logger;
}

const jobOf = (run: DbtCloudRun) => run.job_definition_id ?? run.job_id ?? undefined;

/**
 * Could `run` be the retry of `failed` sent at `sinceMs`? A later run of the same job, created since the
 * attempt, of the same pull request when both name one, and not the retry of another run.
 */
function matchesRetry(run: DbtCloudRun, failed: DbtCloudRun, sinceMs: number): boolean {
  if (run.id <= failed.id) return false;
  const created = parseTimestamp(run.created_at);
  if (created !== undefined && created < sinceMs) return false;
  const job = jobOf(failed);
  if (job !== undefined && jobOf(run) !== undefined && jobOf(run) !== job) return false;
  if (typeof run.retrying_run_id === "number" && run.retrying_run_id !== failed.id) return false;
  const pr = failed.trigger?.github_pull_request_id;
  const runPr = run.trigger?.github_pull_request_id;
  return pr == null || runPr == null || pr === runPr;
}

/** The run a lost retry of `failedId` started, if dbt Cloud shows one. */
async function findRetryRun(
  transport: RetryTransport,
  failedId: number,
  sinceMs: number,
  signal: AbortSignal | undefined,
): Promise<DbtCloudRun | undefined> {
  const failed = await transport.getRun(failedId, signal);
  // Some accounts point the failed run at its retry.
  if (typeof failed.retrying_run_id === "number" && failed.retrying_run_id > failed.id) {
    return transport.getRun(failed.retrying_run_id, signal);
  }
  const job = jobOf(failed);
  if (job === undefined) return undefined;
  let match: DbtCloudRun | undefined;
  // Newest first: the retry is the oldest matching run after the failed one (a retry is refused once
  // another run of the job exists, so nothing else can come between them).
  for await (const run of transport.recentRuns(job, signal)) {
    if (run.id <= failed.id) break;
    if (run.retrying_run_id === failed.id) return run;
    if (matchesRetry(run, failed, sinceMs)) match = run;
  }
  return match;
}

/**
 * Retries a failed run from the point of failure without ever starting two runs: after an ambiguous
 * failure it looks for the run the retry started (a later run of the job, created since the attempt,
 * of the same pull request) and adopts it; only when there is none is the retry sent again. dbt Cloud
 * refuses a retry once the failed run is no longer its job's latest, so a re-sent retry whose first
 * attempt did start a run is refused (400): the run is then looked for once more, back to the first
 * attempt, and adopted, or a clear error names both failures.
 */
export async function retryWithRecovery(
  transport: RetryTransport,
  failedId: number,
  options: RetryRecoveryOptions,
): Promise<DbtCloudRun> {
  return postWithRecovery(
    {
      clock: transport.clock,
      logger: transport.logger,
      post: (signal) => transport.post(signal),
      find: (sinceMs, signal) => findRetryRun(transport, failedId, sinceMs, signal),
      resendRefused: (error) => error instanceof DbtCloudApiError && error.status === 400,
      messages: {
        started: (run) =>
          `Retried dbt Cloud run ${failedId} from the point of failure: run ${run.id}${run.href ? ` (${run.href})` : ""}`,
        rateLimited: (delayMs) =>
          `Retry of run ${failedId} was rate limited; trying again in ${Math.round(delayMs / 1000)} s`,
        ambiguous: (error) =>
          `Retry of dbt Cloud run ${failedId} failed ambiguously (${error.message}); ` +
          "checking whether it started a run before retrying again",
        lookupFailed: (error, lookupError) =>
          `Retrying dbt Cloud run ${failedId} failed ambiguously (${error.message}) and looking for the run it may have started failed too (${lookupError.message}). Check the job's runs before retrying again.`,
        adopted: (run) =>
          `Recovered from a lost retry response: adopted run ${run.id}, the retry of run ${failedId}`,
        resending: () => `No run was started by the failed retry of run ${failedId}; retrying again`,
        unresolved: (first, refusal) =>
          `Retrying dbt Cloud run ${failedId} failed ambiguously (${first instanceof Error ? first.message : String(first)}), retrying again was refused (${refusal.message}), and no run it may have started was found. Check the job's runs in dbt Cloud before retrying again.`,
      },
    },
    options,
    options.onRecovery,
  );
}
