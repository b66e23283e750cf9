import { RunStatus } from "@dbt-cloud-kit/client";
import type { RetryNotSupportedReason } from "../config/schema.js";
import { RETRYABLE_COMMANDS } from "../dbt/command.js";
import type { RunRecord, RunTimeline } from "./run-model.js";

/** Whether a run can be retried and, if not, the reason dbt Cloud would give. */
export interface RetryVerdict {
  canRetry: boolean;
  reason: RetryNotSupportedReason | undefined;
}

/** dbt versions below 1.6 have no `dbt retry`. "latest", "versionless" and "latest-fusion" support it. */
function versionSupportsRetry(version: string): boolean {
  const m = /^(\d+)\.(\d+)/.exec(version);
  if (!m) return true;
  const major = Number(m[1]);
  const minor = Number(m[2]);
  return major > 1 || (major === 1 && minor >= 6);
}

/**
 * dbt Cloud's documented retry rules: the run failed, it is the job's latest run, its dbt version
 * supports `dbt retry`, the failed step wrote run_results.json, and the failed command can be retried.
 */
export function retryVerdict(run: RunRecord, timeline: RunTimeline, isLatestRunOfJob: boolean): RetryVerdict {
  if (timeline.status !== RunStatus.Error) return { canRetry: false, reason: "RETRY_NOT_FAILED_RUN" };
  if (run.retryNotSupportedReason) return { canRetry: false, reason: run.retryNotSupportedReason };
  if (!isLatestRunOfJob) return { canRetry: false, reason: "RETRY_NOT_LATEST_RUN" };
  if (!versionSupportsRetry(run.dbtVersion)) return { canRetry: false, reason: "RETRY_UNSUPPORTED_VERSION" };
  const failed = run.steps.at(-1);
  const exec = failed?.execution;
  if (!exec?.writesRunResults || !run.artifactsEnabled)
    return { canRetry: false, reason: "RETRY_NO_RUN_RESULTS" };
  if (!RETRYABLE_COMMANDS.has(exec.command.subcommand))
    return { canRetry: false, reason: "RETRY_UNSUPPORTED_CMD" };
  return { canRetry: true, reason: undefined };
}
