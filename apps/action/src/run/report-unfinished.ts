import * as core from "@actions/core";
import { type ActionStatus, actionStatusOf, formatDuration, type WaitOutcome } from "@dbt-cloud-kit/app-kit";
import type { DbtCloudClient, DbtCloudRun } from "@dbt-cloud-kit/client";
import { RunStatus } from "@dbt-cloud-kit/client";
import type { ActionConfig } from "../config/action-config.js";
import { annotate, print } from "../github/action-log.js";
import { STEP_STATE } from "../github/step-state.js";
import { workflowCancelledMessage } from "../outputs/workflow-cancelled.js";
import type { RunReport } from "../summary/run-report.js";
import type { ActionResult } from "./action-result.js";

/**
 * The wait ended without the run finishing (timeout, or the workflow was cancelled): cancel the run when
 * cancel-on-timeout / cancel-on-abort say so, report, and fail the step saying what became of the run.
 */
export async function reportUnfinished(
  client: DbtCloudClient,
  config: ActionConfig,
  report: RunReport,
  outcome: Exclude<WaitOutcome, { kind: "finished" }>,
  started: DbtCloudRun,
): Promise<ActionResult> {
  const last = outcome.run ?? started;
  const timedOut = outcome.kind === "timeout";
  const cancel = timedOut ? config.cancelOnTimeout : config.cancelOnAbort;
  const cancelled = cancel ? await cancelQuietly(client, last.id) : false;
  // Left in flight on purpose (cancel-on-*: false): the post step must not cancel it either. A failed
  // cancel stays "waiting" so the post step tries once more.
  core.saveState(STEP_STATE.phase, cancelled ? "done" : cancel ? "waiting" : "not-waiting");
  const status: ActionStatus = timedOut ? "timeout" : "cancelled";
  const what =
    outcome.kind === "timeout"
      ? `Run ${last.id} did not finish within ${formatDuration(config.timeoutMs / 1000)} (timeout)`
      : `Stopped waiting for run ${last.id} (${outcome.reason})`;
  const after = cancelled
    ? "; the run was cancelled."
    : cancel
      ? "; cancelling it failed, it may still be running."
      : `; it is still ${actionStatusOf(last.status)} in dbt Cloud (cancel-on-${timedOut ? "timeout" : "abort"}: false).`;
  // status, status-code and status-message agree: a cancelled workflow reads cancelled / 30 / why.
  const shown =
    outcome.kind === "aborted"
      ? {
          ...last,
          status: RunStatus.Cancelled,
          status_message: workflowCancelledMessage(outcome.reason, after),
        }
      : last;
  report.recordRun(shown, status);
  report.facts.explanation = `${what}${after}`;
  await report.publish();
  return { status, failure: `${what}${after}${last.href ? ` ${last.href}` : ""}` };
}

async function cancelQuietly(client: DbtCloudClient, runId: number): Promise<boolean> {
  try {
    // A fresh signal: the step's own signal may already be aborted.
    await client.cancelRun(runId, { signal: AbortSignal.timeout(30_000) });
    print.line(`Cancelled run ${runId}.`);
    return true;
  } catch (error) {
    annotate("warning", `Could not cancel run ${runId}: ${(error as Error).message}`);
    return false;
  }
}
