import * as core from "@actions/core";
import { abortReasonText } from "@dbt-cloud-kit/app-kit";
import { readRawInputs } from "./config/read-raw-inputs.js";
import { annotate, annotationsLeft, debug, fail, resetAnnotationCounts } from "./github/action-log.js";
import { STEP_STATE } from "./github/step-state.js";
import { workflowCancelledMessage, writeWorkflowCancelled } from "./outputs/workflow-cancelled.js";
import { failureMessage } from "./run/failure-message.js";
import { runAction } from "./run/run-action.js";
import { createClient } from "./setup/create-client.js";
import { loadConfig } from "./setup/load-config.js";
import { annotationsFor } from "./summary/annotations-for.js";

/** The action's main step. Everything ends in at most one setFailed; never process.exit. */
export async function run(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const signals = abortOnSignals();
  resetAnnotationCounts();
  try {
    const raw = readRawInputs(env);
    // Mask secrets before anything can log them.
    if (raw["api-token"]) core.setSecret(raw["api-token"]);
    if (raw["github-token"]) core.setSecret(raw["github-token"]);
    for (const name of ["INPUT_DBT_CLOUD_TOKEN", "INPUT_API_TOKEN"]) if (env[name]) core.setSecret(env[name]);
    const { config, context } = loadConfig(env, raw);
    const client = await createClient(config, env);
    const result = await runAction(config, context, client, signals.signal);
    // The run-level error first, then the failed nodes in what is left of GitHub's 10 per level.
    if (result.failure) fail(result.failure);
    if (result.annotate) {
      const elsewhere = config.jobSummary ? "in the job summary" : "in the run's page in dbt Cloud";
      const room = { error: annotationsLeft("error"), warning: annotationsLeft("warning") };
      for (const a of annotationsFor(result.annotate, room, elsewhere)) {
        annotate(a.level, a.message, { title: a.title, ...(a.file ? { file: a.file } : {}) });
      }
    }
  } catch (error) {
    // The step ended on its own: the post step must not cancel a run it merely lost contact with.
    if (!signals.signal.aborted) core.saveState(STEP_STATE.phase, "failed");
    // Cancelled outside the wait (while starting the run or downloading): the outputs still agree.
    else writeWorkflowCancelled(workflowCancelledMessage(abortReasonText(signals.signal), "."));
    fail(failureMessage(error));
    if (error instanceof Error && error.stack) debug(error.stack);
  } finally {
    signals.dispose();
  }
}

/** Aborts the returned signal on SIGTERM / SIGINT (the runner cancelling the workflow); `dispose` removes the handlers. */
function abortOnSignals(): { signal: AbortSignal; dispose: () => void } {
  const controller = new AbortController();
  const handlers = (["SIGTERM", "SIGINT"] as const).map((name) => {
    const handler = () => controller.abort(new Error(`received ${name}`));
    process.on(name, handler);
    return () => process.off(name, handler);
  });
  return {
    signal: controller.signal,
    dispose: () => {
      for (const off of handlers) off();
    },
  };
}
