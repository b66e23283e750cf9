import * as core from "@actions/core";
import { actionStatusOf } from "@dbt-cloud-kit/app-kit";
import type { DbtCloudRun } from "@dbt-cloud-kit/client";
import { print } from "../github/action-log.js";
import { STEP_STATE } from "../github/step-state.js";
import type { RunReport } from "../summary/run-report.js";
import type { ActionResult } from "./action-result.js";

/** wait: false — the run's state as it is now is the step's result; the post step leaves the run alone. */
export async function reportNotWaiting(report: RunReport, run: DbtCloudRun): Promise<ActionResult> {
  const status = actionStatusOf(run.status);
  report.recordRun(run, status);
  core.saveState(STEP_STATE.phase, "not-waiting");
  print.line(`wait: false — run ${run.id} is ${status}; not waiting for it.`);
  await report.publish();
  return { status };
}
