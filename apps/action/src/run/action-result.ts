import type { ActionStatus } from "@dbt-cloud-kit/app-kit";
import type { DbtRunSummary } from "@dbt-cloud-kit/assets";

/** How the pipeline ended; main.ts turns it into the step's one failure and the node annotations. */
export interface ActionResult {
  status: ActionStatus;
  /** Set when the step must fail (one setFailed at the top). */
  failure?: string;
  /** dbt results whose failed and warned nodes get annotations, after the run-level error. */
  annotate?: DbtRunSummary;
}
