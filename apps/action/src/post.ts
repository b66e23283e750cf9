import * as core from "@actions/core";
import { isTerminalStatus, runStatusName } from "@dbt-cloud-kit/client";
import { readRawInputs } from "./config/read-raw-inputs.js";
import { annotate, debug, print } from "./github/action-log.js";
import { STEP_STATE } from "./github/step-state.js";
import { createClient } from "./setup/create-client.js";
import { loadConfig } from "./setup/load-config.js";

/**
 * The post step (`post-if: always()`): when the workflow was cancelled while the main step waited, the run is
 * still in flight in dbt Cloud; cancel it (cancel-on-abort). Never fails the job.
 */
export async function runPost(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  try {
    const runId = Number(core.getState(STEP_STATE.runId));
    const phase = core.getState(STEP_STATE.phase);
    if (!Number.isSafeInteger(runId) || runId <= 0 || phase !== "waiting") {
      debug(`post: nothing to clean up (run ${runId || "none"}, phase ${phase || "none"})`);
      return;
    }
    const raw = readRawInputs(env);
    if (raw["api-token"]) core.setSecret(raw["api-token"]);
    const { config } = loadConfig(env, raw);
    if (!config.cancelOnAbort) {
      print.line(`Run ${runId} may still be in flight; cancel-on-abort is false, so it is left running.`);
      return;
    }
    const client = await createClient(config, env);
    const signal = AbortSignal.timeout(60_000);
    const run = await client.getRun(runId, { signal });
    if (isTerminalStatus(run.status)) {
      print.line(`Run ${runId} already ended (${runStatusName(run.status)}); nothing to cancel.`);
      return;
    }
    await client.cancelRun(runId, { signal });
    print.line(
      `The workflow stopped while run ${runId} was ${runStatusName(run.status)}: cancelled it (cancel-on-abort).`,
    );
  } catch (error) {
    annotate(
      "warning",
      `post: could not cancel the dbt Cloud run: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}
