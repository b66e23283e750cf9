import type { DbtCloudRun } from "@dbt-cloud-kit/client";
import { type ActionStatus, actionStatusOf } from "../status/action-status.js";
import { runTimes } from "../status/run-times.js";
import { explainOutcome } from "./explain-outcome.js";
import type { SummaryFacts } from "./summary-facts.js";

/** What the summary shows about the run itself; the rest of `SummaryFacts` says how the run was started. */
export type RunFacts = Pick<
  SummaryFacts,
  | "status"
  | "statusCode"
  | "runId"
  | "runUrl"
  | "gitSha"
  | "gitBranch"
  | "createdAt"
  | "finishedAt"
  | "statusMessage"
  | "durationSeconds"
  | "queuedSeconds"
  | "runSeconds"
  | "explanation"
>;

export interface FactsFromRunOptions {
  /** Default: the run's own status. The action passes `timeout` when it stopped waiting. */
  status?: ActionStatus;
  /** The end of an in-flight run's durations; default now. Pass the time the outputs used, so both agree. */
  now?: Date;
}

/**
 * The summary facts of `run` (status, ids, commit, timestamps, durations, our explanation of how it
 * ended): the action merges them into its facts as the run progresses, and a command that reports on an
 * existing run builds the same summary from them. Absent values are left out, never set to undefined.
 */
export function factsFromRun(run: DbtCloudRun, options: FactsFromRunOptions = {}): RunFacts {
  const times = runTimes(run, options.now);
  const facts: RunFacts = {
    status: options.status ?? actionStatusOf(run.status),
    statusCode: run.status,
    runId: run.id,
  };
  if (run.href) facts.runUrl = run.href;
  if (run.git_sha) facts.gitSha = run.git_sha;
  if (run.git_branch) facts.gitBranch = run.git_branch;
  if (run.created_at) facts.createdAt = run.created_at;
  if (run.finished_at) facts.finishedAt = run.finished_at;
  if (run.status_message) facts.statusMessage = run.status_message;
  if (times.durationSeconds !== undefined) facts.durationSeconds = times.durationSeconds;
  if (times.queuedSeconds !== undefined) facts.queuedSeconds = times.queuedSeconds;
  if (times.runSeconds !== undefined) facts.runSeconds = times.runSeconds;
  const explanation = explainOutcome(run);
  if (explanation) facts.explanation = explanation;
  return facts;
}
