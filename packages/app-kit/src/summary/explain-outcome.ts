import type { DbtCloudRun } from "@dbt-cloud-kit/client";
import { failedStep } from "./failed-step.js";
import { isStaleCiCancellation } from "./stale-ci-cancellation.js";

/** Our reading of how the run ended, for the failure message and the summary, when there is one to give. */
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
