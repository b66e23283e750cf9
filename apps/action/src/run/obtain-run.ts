import type { DbtCloudClient, TriggerRunOptions } from "@dbt-cloud-kit/client";
import { runStatusName } from "@dbt-cloud-kit/client";
import type { ActionConfig } from "../config/action-config.js";
import { errorText } from "./error-text.js";
import { inFlightRuns, reuseInFlight } from "./in-flight-runs.js";
import type { ResolvedTrigger } from "./resolve-trigger.js";
import { retryLatestFailed } from "./retry-latest-failed.js";
import type { Log, StartedRun } from "./started-run.js";

/**
 * Gets a run for the job according to if-running and retry-failed: attach to an in-flight run of the same
 * commit (reuse, only when git-sha or CI mode names the commit), cancel in-flight runs first, retry the latest
 * failed run, or trigger a new one (never twice: the client adopts a run created by a trigger whose response
 * was lost).
 */
export async function obtainRun(
  client: DbtCloudClient,
  config: ActionConfig,
  jobId: number,
  trigger: ResolvedTrigger,
  log: Log,
  signal: AbortSignal,
): Promise<StartedRun> {
  const notes: string[] = [];
  const pr = trigger.overrides.pullRequestId;
  const sha = trigger.overrides.gitSha;
  const scope = pr === undefined ? `job ${jobId}` : `job ${jobId} for pull request #${pr}`;
  if (config.ifRunning === "reuse" && sha === undefined) {
    const note =
      "if-running: reuse attaches only to a run of the same commit, and no commit is known (set git-sha, or ci: true on pull requests), so it behaved as queue.";
    log(note);
    notes.push(note);
  } else if (config.ifRunning === "reuse" && sha !== undefined) {
    const reused = await reuseInFlight(client, jobId, pr, sha, scope, log, signal);
    if (reused !== undefined) return reused;
  } else if (config.ifRunning === "cancel") {
    const inFlight = await inFlightRuns(client, jobId, pr, undefined, signal);
    for (const run of inFlight) {
      log(
        `Cancelling in-flight run ${run.id} (${runStatusName(run.status)}) of ${scope} (if-running: cancel).`,
      );
      await client.cancelRun(run.id, { signal });
    }
    if (inFlight.length > 0)
      notes.push(`Cancelled in-flight run(s) ${inFlight.map((r) => r.id).join(", ")}.`);
  }
  if (config.retryFailed) {
    const retried = await retryLatestFailed(
      client,
      jobId,
      trigger.overrides.pullRequestId,
      log,
      signal,
      notes,
    );
    if (retried) return { run: retried, how: "retried", notes };
  }
  const options = triggerOptions(trigger);
  const run = await client.triggerJobRun(jobId, options, {
    onRecovery: (event) =>
      log(
        event.kind === "adopted"
          ? `The trigger response was lost (${errorText(event.error)}); found the run it created: ${event.run.id}. Not triggering again.`
          : `The trigger request failed (${errorText(event.error)}) and no run was created; triggering again.`,
      ),
  });
  return { run, how: "triggered", notes };
}

function triggerOptions(trigger: ResolvedTrigger): TriggerRunOptions {
  const o = trigger.overrides;
  const options: TriggerRunOptions = { cause: trigger.cause };
  if (o.gitSha !== undefined) options.gitSha = o.gitSha;
  if (o.gitBranch !== undefined) options.gitBranch = o.gitBranch;
  if (o.pullRequestId !== undefined) options.githubPullRequestId = o.pullRequestId;
  if (o.schemaOverride !== undefined) options.schemaOverride = o.schemaOverride;
  if (o.dbtVersionOverride !== undefined) options.dbtVersionOverride = o.dbtVersionOverride;
  if (o.threadsOverride !== undefined) options.threadsOverride = o.threadsOverride;
  if (o.targetNameOverride !== undefined) options.targetNameOverride = o.targetNameOverride;
  if (o.generateDocsOverride !== undefined) options.generateDocsOverride = o.generateDocsOverride;
  if (o.timeoutSecondsOverride !== undefined) options.timeoutSecondsOverride = o.timeoutSecondsOverride;
  if (o.stepsOverride !== undefined) options.stepsOverride = o.stepsOverride;
  return options;
}
