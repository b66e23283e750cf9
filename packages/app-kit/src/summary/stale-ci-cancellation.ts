import type { DbtCloudRun } from "@dbt-cloud-kit/client";

/** The trigger fields that name a pull (or merge) request, one per git provider. */
const PULL_REQUEST_FIELDS = [
  "github_pull_request_id",
  "gitlab_merge_request_id",
  "azure_pull_request_id",
  "non_native_pull_request_id",
] as const;

/**
 * dbt Cloud cancels a CI run when a newer commit of the same pull request starts one ("smart cancellation of
 * stale builds"): not a user error, and worth saying so. Only a CI job's run of a pull request can be one
 * (the trigger names the pull request; the job, when the run carries it, is of type ci): anywhere else a
 * cancelled run is a cancellation, whatever its message says.
 */
export function isStaleCiCancellation(run: DbtCloudRun): boolean {
  if (run.status !== 30) return false;
  const trigger: Record<string, unknown> = { ...run.trigger };
  const pullRequest = PULL_REQUEST_FIELDS.some(
    (f) => typeof trigger[f] === "number" && (trigger[f] as number) > 0,
  );
  const jobType = run.job?.job_type;
  if (!pullRequest || (jobType != null && jobType !== "ci")) return false;
  return /stale|newer commit|more recent|superseded|new commit/i.test(run.status_message ?? "");
}
