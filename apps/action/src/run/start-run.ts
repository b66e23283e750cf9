import * as core from "@actions/core";
import type { StartedRun } from "@dbt-cloud-kit/app-kit";
import type { DbtCloudClient } from "@dbt-cloud-kit/client";
import type { ActionConfig } from "../config/action-config.js";
import { print } from "../github/action-log.js";
import { STEP_STATE } from "../github/step-state.js";
import { writeRunIdentity } from "../outputs/run-outputs.js";
import { obtainRun } from "./obtain-run.js";
import type { ResolvedTrigger } from "./resolve-trigger.js";

/**
 * The pipeline's second step: start a run or adopt one (obtain-run.ts), in its own log group. The run's
 * id, URL and job id are written at once, and the id is saved for the post step.
 */
export function startRun(
  client: DbtCloudClient,
  config: ActionConfig,
  jobId: number,
  trigger: ResolvedTrigger,
  signal: AbortSignal,
): Promise<StartedRun> {
  return core.group("Start the run", async () => {
    for (const notice of trigger.notices) print.text(notice);
    const started = await obtainRun(client, config, jobId, trigger, signal);
    writeRunIdentity(started.run, jobId);
    core.saveState(STEP_STATE.runId, String(started.run.id));
    return started;
  });
}
