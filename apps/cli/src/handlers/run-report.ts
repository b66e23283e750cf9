import { type ActionStatus, actionStatusOf, runTimes } from "@dbt-cloud-kit/app-kit";
import type { DbtCloudRun } from "@dbt-cloud-kit/client";

/** The --json document of run, wait and retry (documented in the README; schema in json-schemas.ts). */
export interface RunReport {
  runId: number;
  runUrl: string | null;
  jobId: number | null;
  jobName: string | null;
  how: "triggered" | "reused" | "retried" | "attached";
  status: ActionStatus;
  statusCode: number;
  statusMessage: string | null;
  gitSha: string | null;
  gitBranch: string | null;
  durationSeconds: number | null;
  queuedSeconds: number | null;
  runSeconds: number | null;
  failedStep: { index: number; name: string } | null;
  explanation: string | null;
  /** Whether this command cancelled the run (timeout or interruption). */
  cancelled: boolean;
  notes: string[];
  warnings: string[];
  artifacts: { dir: string; step: number | null; files: Record<string, string>; missing: string[] } | null;
  results: Record<string, Record<string, number>> | null;
  failedNodes: string[] | null;
}

export function baseReport(
  run: DbtCloudRun,
  how: RunReport["how"],
  job: { id: number; name?: string | null | undefined } | undefined,
): RunReport {
  const report: RunReport = {
    runId: run.id,
    runUrl: null,
    jobId: job?.id ?? run.job_definition_id ?? run.job_id ?? null,
    jobName: job?.name ?? null,
    how,
    status: actionStatusOf(run.status),
    statusCode: run.status,
    statusMessage: null,
    gitSha: null,
    gitBranch: null,
    durationSeconds: null,
    queuedSeconds: null,
    runSeconds: null,
    failedStep: null,
    explanation: null,
    cancelled: false,
    notes: [],
    warnings: [],
    artifacts: null,
    results: null,
    failedNodes: null,
  };
  fillRun(report, run, report.status);
  return report;
}

export function fillRun(report: RunReport, run: DbtCloudRun, status: ActionStatus): void {
  const times = runTimes(run);
  report.status = status;
  report.statusCode = run.status;
  report.statusMessage = run.status_message ?? null;
  report.runUrl = run.href ?? report.runUrl;
  report.gitSha = run.git_sha ?? null;
  report.gitBranch = run.git_branch ?? null;
  report.durationSeconds = times.durationSeconds ?? null;
  report.queuedSeconds = times.queuedSeconds ?? null;
  report.runSeconds = times.runSeconds ?? null;
}
