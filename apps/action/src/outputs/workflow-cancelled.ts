import * as core from "@actions/core";
import { RunStatus } from "@dbt-cloud-kit/client";

/**
 * The `status-message` once the workflow was cancelled (SIGTERM / SIGINT from the runner): `status` is then
 * `cancelled` and `status-code` 30, so the three outputs tell one story. `detail` says what became of the run.
 */
export function workflowCancelledMessage(reason: string, detail = ""): string {
  return `The workflow was cancelled (${reason})${detail}`;
}

/** Writes the three status outputs for a cancelled workflow (when it was cancelled outside the wait). */
export function writeWorkflowCancelled(message: string): void {
  core.setOutput("status", "cancelled");
  core.setOutput("status-code", String(RunStatus.Cancelled));
  core.setOutput("status-message", message);
}
