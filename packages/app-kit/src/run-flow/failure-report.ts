import type { DbtCloudRun } from "@dbt-cloud-kit/client";
import type { ActionStatus } from "../status/action-status.js";
import { isStaleCiCancellation } from "../summary/stale-ci-cancellation.js";
import type { OptionSpelling } from "./flow-log.js";
import { inputSpelling } from "./flow-log.js";

/** What the verdict needs to know about a finished run (the action's SummaryFacts, the CLI's report). */
export interface FinishedRunFacts {
  status: ActionStatus;
  /** Our reading of the outcome (stale CI build, fork commit…). */
  explanation?: string | null | undefined;
  failedStep?: { index: number; name: string } | null | undefined;
  artifacts?: { step?: number | null | undefined; error?: string | undefined } | null | undefined;
}

export interface FailureReportOptions {
  failOnError: boolean;
  /** Artifacts the user named that the run did not produce (or that could not be downloaded). */
  missingRequired: readonly string[];
  /** How the app names its options (`artifacts-step` / `--artifacts-step`). */
  spell: OptionSpelling;
  /** Where the token comes from, in the app's words (`api-token`, `the token`). */
  token: string;
}

/** How a finished run ends the step or command. */
export interface FailureReport {
  /** The step fails / the CLI exits 1. */
  fails: boolean;
  /** A successful run lacks a required artifact: that is the outcome's explanation (whether or not it fails). */
  explanation?: string;
  /** The failure message when it fails: the run, its failed step, our explanation or dbt Cloud's, the link. */
  failure?: string;
  /** dbt Cloud's cancellation of a stale CI run: not a failure (the newer commit's run carries the result). */
  notice?: string;
}

/**
 * The verdict on a finished run: a successful run that lacks a required artifact (fails with
 * fail-on-error), or a failed or cancelled run (fails with fail-on-error) at its failed step. dbt Cloud's
 * cancellation of a stale CI run is a notice instead.
 */
export function failureReport(
  run: DbtCloudRun,
  facts: FinishedRunFacts,
  options: FailureReportOptions,
): FailureReport {
  const { status } = facts;
  const { spell } = options;
  const missing = options.missingRequired;
  if (status === "success" && missing.length > 0) {
    const artifactsOption = spell === inputSpelling ? "the artifacts input" : spell("artifacts");
    const explanation = `The run succeeded but did not produce ${missing.join(", ")}, which ${artifactsOption} asks for.`;
    if (!options.failOnError) return { fails: false, explanation };
    const artifacts = facts.artifacts;
    return {
      fails: true,
      explanation,
      failure: artifacts?.error
        ? `dbt Cloud run ${run.id} succeeded, but the required artifact(s) ${missing.join(", ")} could not be downloaded: ${artifacts.error}. Check that ${options.token} may read the run's artifacts, or remove them from ${spell("artifacts")}.`
        : `dbt Cloud run ${run.id} succeeded, but the required artifact(s) ${missing.join(", ")} were not produced${
            artifacts?.step !== undefined && artifacts.step !== null
              ? ` (looked in step ${artifacts.step})`
              : ""
          }. Remove them from ${spell("artifacts")}, or set ${spell("artifacts-step")} to the step that writes them.`,
    };
  }
  if (status === "success" || !options.failOnError) return { fails: false };
  if (isStaleCiCancellation(run)) {
    return { fails: false, notice: facts.explanation ?? `dbt Cloud cancelled stale CI run ${run.id}.` };
  }
  const reason = facts.explanation ?? run.status_message ?? "";
  const step = facts.failedStep ? ` at step ${facts.failedStep.index} (${facts.failedStep.name})` : "";
  return {
    fails: true,
    failure: `dbt Cloud run ${run.id} ${status === "cancelled" ? "was cancelled" : "failed"}${step}${reason ? `: ${reason}` : ""}${run.href ? ` — ${run.href}` : ""}`,
  };
}
