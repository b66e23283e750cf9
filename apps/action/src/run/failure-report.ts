import { isStaleCiCancellation, type SummaryFacts } from "@dbt-cloud-kit/app-kit";
import type { DbtCloudRun } from "@dbt-cloud-kit/client";

/** How a finished run ends the step: the failure message, or a notice that replaces it. */
export interface FailureReport {
  failure?: string;
  notice?: string;
}

/**
 * The failure text of a finished run: a successful run that lacks a required artifact (with fail-on-error),
 * or a failed or cancelled run (with fail-on-error) at its failed step, with our explanation or dbt Cloud's
 * message. dbt Cloud's cancellation of a stale CI run is a notice instead: the newer commit's run carries
 * the result.
 */
export function failureReport(
  run: DbtCloudRun,
  facts: SummaryFacts,
  options: { failOnError: boolean; missingRequired: readonly string[] },
): FailureReport {
  const { status } = facts;
  const missing = options.missingRequired;
  if (status === "success" && missing.length > 0 && options.failOnError) {
    const artifacts = facts.artifacts;
    return {
      failure: artifacts?.error
        ? `dbt Cloud run ${run.id} succeeded, but the required artifact(s) ${missing.join(", ")} could not be downloaded: ${artifacts.error}. Check that api-token may read the run's artifacts, or remove them from artifacts.`
        : `dbt Cloud run ${run.id} succeeded, but the required artifact(s) ${missing.join(", ")} were not produced${
            artifacts?.step !== undefined ? ` (looked in step ${artifacts.step})` : ""
          }. Remove them from artifacts, or set artifacts-step to the step that writes them.`,
    };
  }
  if (status === "success" || !options.failOnError) return {};
  if (isStaleCiCancellation(run)) {
    return { notice: facts.explanation ?? `dbt Cloud cancelled stale CI run ${run.id}.` };
  }
  const reason = facts.explanation ?? run.status_message ?? "";
  const step = facts.failedStep ? ` at step ${facts.failedStep.index} (${facts.failedStep.name})` : "";
  return {
    failure: `dbt Cloud run ${run.id} ${status === "cancelled" ? "was cancelled" : "failed"}${step}${reason ? `: ${reason}` : ""}${run.href ? ` — ${run.href}` : ""}`,
  };
}
