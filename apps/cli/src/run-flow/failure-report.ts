import type { DbtCloudRun, DbtCloudRunStep } from "@dbt-cloud-kit/client";

/** The step that failed: the first one with status Error, else the last step that did not succeed. */
export function failedStep(run: DbtCloudRun): DbtCloudRunStep | undefined {
  const steps = [...(run.run_steps ?? [])].sort((a, b) => a.index - b.index);
  return steps.find((s) => s.status === 20) ?? steps.filter((s) => s.status !== 10).at(-1);
}

/**
 * dbt Cloud cancels a stale CI run when a newer commit of the same pull request starts one. Only a CI job's
 * run of a pull request can be one (the trigger names the pull request; the job, when the run carries it,
 * is of type ci): anywhere else a cancelled run is a cancellation, whatever its message says.
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

/** The trigger fields that name a pull (or merge) request, one per git provider. */
const PULL_REQUEST_FIELDS = [
  "github_pull_request_id",
  "gitlab_merge_request_id",
  "azure_pull_request_id",
  "non_native_pull_request_id",
] as const;

/** The action's reading of an outcome, for the final message. */
export function explainOutcome(run: DbtCloudRun): string | undefined {
  if (isStaleCiCancellation(run)) {
    return "dbt Cloud cancelled this CI run because a newer commit of the same pull request started another one; the newer run carries the result.";
  }
  const step = failedStep(run);
  if (run.status === 20 && step?.name && /clone git repository/i.test(step.name)) {
    const logs = step.logs ?? "";
    if (/not a tree|reference is not/i.test(logs)) {
      return "dbt Cloud could not check out the commit: it is not in the repository connected to the project (a fork's commit, or not pushed yet).";
    }
  }
  return undefined;
}
