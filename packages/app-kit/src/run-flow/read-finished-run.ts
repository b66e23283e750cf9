import type { DbtCloudClient, DbtCloudRun } from "@dbt-cloud-kit/client";
import { RunStatus } from "@dbt-cloud-kit/client";
import { failedStep } from "../summary/failed-step.js";
import { errorText, type RunFlowLog } from "./flow-log.js";

/**
 * Steps (with logs) and trigger, read once after the run ended; the polled run is the fallback. dbt Cloud
 * sometimes stores a failed step's logs a moment after the run ends: then one more read after `retryMs`.
 */
export async function readFinishedRun(
  client: Pick<DbtCloudClient, "getRun" | "clock">,
  run: DbtCloudRun,
  retryMs: number,
  signal: AbortSignal,
  log: RunFlowLog,
): Promise<DbtCloudRun> {
  const read = () => client.getRun(run.id, { includeRelated: ["run_steps", "trigger"], signal });
  try {
    const detailed = await read();
    const step = detailed.status !== RunStatus.Success ? failedStep(detailed) : undefined;
    if (step === undefined || step.logs) return detailed;
    log.debug(`Step ${step.index} has no logs yet; reading the run again in ${retryMs} ms`);
    await client.clock.sleep(retryMs, signal);
    return await read();
  } catch (error) {
    if (signal.aborted) throw error;
    log.warn(`Could not read the steps of run ${run.id}: `, errorText(error));
    return run;
  }
}
