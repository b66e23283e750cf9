import type { DbtCloudClient, DbtCloudRun } from "@dbt-cloud-kit/client";
import { RunStatus, runStatusName } from "@dbt-cloud-kit/client";
import { errorText } from "./error-text.js";
import type { Log } from "./started-run.js";

/**
 * dbt Cloud can only retry the job's latest run. For a pull request that run must also be this PR's:
 * CI jobs interleave runs of several PRs, and retrying another PR's run would be wrong.
 */
export async function retryLatestFailed(
  client: DbtCloudClient,
  jobId: number,
  pullRequest: number | undefined,
  log: Log,
  signal: AbortSignal,
  notes: string[],
): Promise<DbtCloudRun | undefined> {
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
    log(
      `retry-failed: the latest run ${latest.id} of job ${jobId} is ${latestPr ? `for pull request #${latestPr}` : "not a pull request run"}, not #${pullRequest}; triggering a new run.`,
    );
    return undefined;
  }
  if (latest === undefined || latest.status !== RunStatus.Error) {
    log(
      latest === undefined
        ? `retry-failed: job ${jobId} has no runs yet; triggering a new run.`
        : `retry-failed: the latest run ${latest.id} of job ${jobId} is ${runStatusName(latest.status)}, not failed; triggering a new run.`,
    );
    return undefined;
  }
  if (latest.can_retry === false) {
    const reason = latest.retry_not_supported_reason ?? "no reason given";
    log(
      `retry-failed: the latest run ${latest.id} failed but cannot be retried (${reason}); triggering a new run.`,
    );
    notes.push(`Run ${latest.id} could not be retried (${reason}); a new run was triggered.`);
    return undefined;
  }
  const run = await client.retryFailedRun(latest.id, {
    signal,
    onRecovery: (event) =>
      log(
        event.kind === "adopted"
          ? `The retry response was lost (${errorText(event.error)}); found the run it created: ${event.run.id}. Not retrying again.`
          : `The retry request failed (${errorText(event.error)}) and no run was started; retrying again.`,
      ),
  });
  log(`retry-failed: retrying failed run ${latest.id} from the point of failure as run ${run.id}.`);
  notes.push(`Retried failed run ${latest.id} from the point of failure.`);
  return run;
}
