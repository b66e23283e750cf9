import type { DbtCloudClient, DbtCloudRun } from "@dbt-cloud-kit/client";
import { isAmbiguousFailure, realSleep } from "@dbt-cloud-kit/client";
import { errorText, type FlowLog } from "./flow-log.js";

/** Wait before looking for the run a lost retry created, so it can show up in the list. */
const LOOKUP_DELAY_MS = 2000;

/**
 * POST /runs/{id}/retry/ is not idempotent and never re-sent. When its answer is lost the retry may still
 * have started a run: find it (a newer run of the job, of the same pull request) instead of failing with
 * the run going on unattended — the action's rule.
 */
export async function retryWithRecovery(
  client: DbtCloudClient,
  jobId: number,
  failed: DbtCloudRun,
  pullRequest: number | undefined,
  log: FlowLog,
  signal: AbortSignal,
): Promise<DbtCloudRun> {
  try {
    return await client.retryRun(failed.id, { signal });
  } catch (error) {
    if (signal.aborted || !isAmbiguousFailure(error)) throw error;
    await realSleep(LOOKUP_DELAY_MS, signal);
    const newer = await client
      .listRuns({
        jobDefinitionId: jobId,
        orderBy: "-id",
        limit: 10,
        pageSize: 10,
        ...(pullRequest !== undefined ? { includeRelated: ["trigger"] as const } : {}),
        signal,
      })
      .toArray();
    const adopted = newer
      .filter((run) => run.id > failed.id)
      .filter((run) => pullRequest === undefined || run.trigger?.github_pull_request_id === pullRequest)
      .at(-1);
    if (adopted === undefined) {
      throw new Error(
        `Retrying run ${failed.id} failed (${errorText(error)}) and no run it may have started was found. Check the job's runs in dbt Cloud before retrying again.`,
        { cause: error },
      );
    }
    log.info(
      `Found run ${adopted.id} created by the retry whose response was lost; not retrying again: `,
      errorText(error),
    );
    return adopted;
  }
}
