import * as core from "@actions/core";
import { actionStatusOf, type WaitOutcome, waitForTerminal } from "@dbt-cloud-kit/app-kit";
import type { DbtCloudClient, DbtCloudRun } from "@dbt-cloud-kit/client";
import type { ActionConfig } from "../config/action-config.js";
import { print } from "../github/action-log.js";
import { STEP_STATE } from "../github/step-state.js";
import type { RunReport } from "../summary/run-report.js";

/**
 * The pipeline's third step: wait for the run in its own log group, marked "waiting" for the post step.
 * When waiting fails, the outputs and summary still say what is known about the run before the error ends
 * the step (main.ts).
 */
export async function waitForRunEnd(
  client: DbtCloudClient,
  config: ActionConfig,
  started: DbtCloudRun,
  report: RunReport,
  signal: AbortSignal,
): Promise<WaitOutcome> {
  core.saveState(STEP_STATE.phase, "waiting");
  let lastSeen = started;
  try {
    return await core.group(`Wait for run ${started.id}`, () =>
      waitForTerminal(client, started.id, {
        pollIntervalMs: config.pollIntervalMs,
        timeoutMs: config.timeoutMs,
        signal,
        // Whole, through the untrusted printer: the line may end with dbt Cloud's status message.
        onStatusLine: (trusted, untrusted) => print.text(`${trusted}${untrusted}`),
        onPoll: (current) => {
          lastSeen = current;
        },
      }),
    );
  } catch (error) {
    const status = actionStatusOf(lastSeen.status);
    report.recordRun(lastSeen, status);
    report.facts.explanation = `Waiting for run ${lastSeen.id} failed (${(error as Error).message}); it was last seen ${status} and may still be going in dbt Cloud.`;
    await report.publish();
    throw error;
  }
}
