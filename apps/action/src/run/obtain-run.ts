import { inputSpelling, type StartedRun, startOrAdoptRun } from "@dbt-cloud-kit/app-kit";
import type { DbtCloudClient, TriggerRunOptions } from "@dbt-cloud-kit/client";
import type { ActionConfig } from "../config/action-config.js";
import { flowLog } from "../github/action-log.js";
import type { ResolvedTrigger } from "./resolve-trigger.js";

/**
 * Gets a run for the job according to if-running and retry-failed (app-kit's startOrAdoptRun), its
 * decisions told in the step's log.
 */
export function obtainRun(
  client: DbtCloudClient,
  config: ActionConfig,
  jobId: number,
  trigger: ResolvedTrigger,
  signal: AbortSignal,
): Promise<StartedRun> {
  return startOrAdoptRun(
    client,
    jobId,
    {
      ifRunning: config.ifRunning,
      retryFailed: config.retryFailed,
      trigger: triggerOptions(trigger),
      commitHint: "set git-sha, or ci: true on pull requests",
    },
    { log: flowLog, spell: inputSpelling },
    signal,
  );
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
