import { type DbtCloudRun, isAdhocJobName, isTerminalStatus, RunStatus } from "@dbt-cloud-kit/client";
import { parseApiTime } from "./api-time.js";

export interface ScopeRules {
  projectId: number;
  environmentId: number;
  jobIds: ReadonlySet<number> | undefined;
  includeAdhocRuns: boolean;
  /** The workspace's ad hoc job names (custom names included). */
  adhocJobNames: ReadonlySet<string>;
}

/** The facts about a finished run the sensor keeps (list rows are dropped after this). */
export interface RunCandidate {
  id: number;
  jobId: number;
  status: number;
  /** Epoch ms of `finished_at`; for a cancelled run without one, of `updated_at` (the cancellation). */
  finishedAt: number;
  finishedAtText: string;
  /** False for a cancelled run that dbt Cloud left without `finished_at`. */
  hasFinishedAt: boolean;
  url: string | undefined;
  gitSha: string | undefined;
}

export function jobIdOf(run: DbtCloudRun): number | undefined {
  const id = run.job_definition_id ?? run.job_id;
  return typeof id === "number" ? id : undefined;
}

/** Why a run is not reported (undefined when it is in scope and finished). Checked on every listed run. */
export function outOfScope(
  run: DbtCloudRun,
  rules: ScopeRules,
  options: { cancelledWithoutFinish?: boolean } = {},
): string | undefined {
  if (typeof run.project_id === "number" && run.project_id !== rules.projectId)
    return `project ${run.project_id}`;
  if (typeof run.environment_id === "number" && run.environment_id !== rules.environmentId) {
    return `environment ${run.environment_id}`;
  }
  const jobId = jobIdOf(run);
  if (jobId === undefined) return "no job id";
  if (rules.jobIds && !rules.jobIds.has(jobId)) return `job ${jobId} not in jobIds`;
  if (!rules.includeAdhocRuns) {
    const name = run.job?.name;
    if (name && (rules.adhocJobNames.has(name) || isAdhocJobName(name))) return `ad hoc job ${jobId}`;
  }
  if (!isTerminalStatus(run.status)) return `status ${run.status} (not finished)`;
  if (options.cancelledWithoutFinish) {
    if (run.status !== RunStatus.Cancelled) return `status ${run.status} (not cancelled)`;
    if (run.finished_at !== null && run.finished_at !== undefined) return "has finished_at";
    if (cancellationTime(run) === undefined) return "no updated_at or created_at";
    return undefined;
  }
  if (parseApiTime(run.finished_at) === undefined) return "no finished_at";
  return undefined;
}

/** When a cancelled run without `finished_at` ended, as near as the API tells: `updated_at`, else `created_at`. */
function cancellationTime(run: DbtCloudRun): { ms: number; text: string } | undefined {
  for (const text of [run.updated_at, run.created_at]) {
    const ms = parseApiTime(text);
    if (ms !== undefined) return { ms, text: text as string };
  }
  return undefined;
}

/** The candidate of a run `outOfScope` accepted (with `cancelledWithoutFinish` for one without `finished_at`). */
export function candidateOf(run: DbtCloudRun): RunCandidate {
  const finishedAt = parseApiTime(run.finished_at);
  const time =
    finishedAt !== undefined ? { ms: finishedAt, text: run.finished_at as string } : cancellationTime(run);
  return {
    id: run.id,
    jobId: jobIdOf(run) as number,
    status: run.status,
    finishedAt: time?.ms as number,
    finishedAtText: time?.text as string,
    hasFinishedAt: finishedAt !== undefined,
    url: run.href ?? undefined,
    gitSha: run.git_sha ?? undefined,
  };
}

/** Finish order: finished-at, then run id for ties. */
export function byFinish(a: RunCandidate, b: RunCandidate): number {
  return a.finishedAt - b.finishedAt || a.id - b.id;
}
