import * as core from "@actions/core";
import {
  actionStatusOf,
  failedStep,
  readFinishedRun,
  type SummaryFacts,
  tailLines,
} from "@dbt-cloud-kit/app-kit";
import type { DbtCloudClient, DbtCloudJob, DbtCloudRun } from "@dbt-cloud-kit/client";
import type { ActionConfig } from "../config/action-config.js";
import { flowLog, print, startGroup } from "../github/action-log.js";
import { STEP_STATE } from "../github/step-state.js";
import type { RunReport } from "../summary/run-report.js";

const STEP_LOG_LINES = 400;

/**
 * The run ended: read its steps and trigger once (read-finished-run.ts), record its final state, and
 * print how it ended with the failed step's logs.
 */
export async function recordFinishedRun(
  client: DbtCloudClient,
  config: ActionConfig,
  ended: DbtCloudRun,
  job: DbtCloudJob,
  report: RunReport,
  signal: AbortSignal,
): Promise<DbtCloudRun> {
  core.saveState(STEP_STATE.phase, "done");
  const finished = await readFinishedRun(
    client,
    ended,
    Math.min(5000, config.pollIntervalMs),
    signal,
    flowLog,
  );
  // The job's type tells dbt Cloud's stale CI cancellation from any other (app-kit's isStaleCiCancellation).
  const run = finished.job ? finished : { ...finished, job };
  const status = actionStatusOf(run.status);
  report.recordRun(run, status);
  print.line(
    `Run ${run.id} finished: ${status}`,
    run.status_message ? ` — ${run.status_message}` : undefined,
  );
  if (status !== "success") printFailedStepLogs(run, report.facts);
  return run;
}

function printFailedStepLogs(run: DbtCloudRun, facts: SummaryFacts): void {
  const step = failedStep(run);
  if (!step) return;
  const name = step.name ?? `step ${step.index}`;
  facts.failedStep = { index: step.index, name };
  startGroup(`Logs of failed step ${step.index}: ${name}`);
  // The logs are the run's own text: inside a stop-commands block, where the runner executes nothing.
  if (step.logs) print.block(tailLines(step.logs, STEP_LOG_LINES));
  else print.line("(dbt Cloud returned no logs for this step)");
  core.endGroup();
}
