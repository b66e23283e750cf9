import type { DbtCloudClient, DbtCloudRun } from "@dbt-cloud-kit/client";
import { RunStatus, runStatusName } from "@dbt-cloud-kit/client";
import { errorText, type RunFlowLog } from "./flow-log.js";
import type { StartRunReporting } from "./started-run.js";

/**
 * dbt Cloud can only retry the job's latest run. For a pull request that run must also be this PR's:
 * CI jobs interleave runs of several PRs, and retrying another PR's run would be wrong.
 */
export async function retryLatestFailed(
  client: DbtCloudClient,
  jobId: number,
  pullRequest: number | undefined,
  { log, spell }: StartRunReporting,
  signal: AbortSignal,
  notes: string[],
): Promise<DbtCloudRun | undefined> {
  const option = spell("retry-failed");
  const latest = await client
    .listRuns({
      jobDefinitionId: jobId,
      orderBy: "-id",
      limit: 1,
      pageSize: 1,
      ...(pullRequest !== undefined ? { includeRelated: ["trigger"] as const } : {}),
      signal,
    })
    .first();
  const latestPr = latest?.trigger?.github_pull_request_id ?? undefined;
  if (latest !== undefined && pullRequest !== undefined && latestPr !== pullRequest) {
    log.info(
      `${option}: the latest run ${latest.id} of job ${jobId} is ${latestPr ? `for pull request #${latestPr}` : "not a pull request run"}, not #${pullRequest}; triggering a new run.`,
    );
    return undefined;
  }
  if (latest === undefined || latest.status !== RunStatus.Error) {
    log.info(
      latest === undefined
        ? `${option}: job ${jobId} has no runs yet; triggering a new run.`
        : `${option}: the latest run ${latest.id} of job ${jobId} is ${runStatusName(latest.status)}, not failed; triggering a new run.`,
    );
    return undefined;
  }
  if (latest.can_retry === false) {
    const reason = latest.retry_not_supported_reason ?? "no reason given";
    log.info(
      `${option}: the latest run ${latest.id} failed but cannot be retried; triggering a new run. Reason: `,
      reason,
    );
    notes.push(`Run ${latest.id} could not be retried (${reason}); a new run was triggered.`);
    return undefined;
  }
  const run = await retryRun(client, latest.id, log, signal);
  log.info(`${option}: retrying failed run ${latest.id} from the point of failure as run ${run.id}.`);
  notes.push(`Retried failed run ${latest.id} from the point of failure.`);
  return run;
}

/**
 * Retries a failed run from the point of failure, never twice: the client adopts the run a retry whose
 * response was lost started (`retryFailedRun`); each recovery is told.
 */
export function retryRun(
  client: DbtCloudClient,
  runId: number,
  log: RunFlowLog,
  signal: AbortSignal,
): Promise<DbtCloudRun> {
  return client.retryFailedRun(runId, {
    signal,
    onRecovery: (event) =>
      event.kind === "adopted"
        ? log.info(
            `The retry response was lost — found the run it created: ${event.run.id}. Not retrying again. Cause: `,
            errorText(event.error),
          )
        : log.info(
            "The retry request failed and no run was started; retrying again. Cause: ",
            errorText(event.error),
          ),
  });
}
