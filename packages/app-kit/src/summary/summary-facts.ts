import type { ActionStatus } from "../status/action-status.js";

/** Everything about the run the job summary and PR comment show, besides the dbt results. */
export interface SummaryFacts {
  status: ActionStatus;
  statusCode?: number;
  runId?: number;
  runUrl?: string;
  jobId: number;
  jobName?: string;
  how: "triggered" | "reused" | "retried";
  cause: string;
  gitSha?: string;
  gitBranch?: string;
  pullRequest?: number;
  schemaOverride?: string;
  createdAt?: string;
  finishedAt?: string;
  durationSeconds?: number;
  queuedSeconds?: number;
  runSeconds?: number;
  statusMessage?: string;
  /** Our reading of the outcome (stale CI build, fork commit, timeout…). */
  explanation?: string;
  failedStep?: { index: number; name: string };
  notes: string[];
  warnings: string[];
  workflowRunUrl?: string;
  artifacts?: { dir: string; step?: number; files: string[]; missing: string[]; error?: string };
}
