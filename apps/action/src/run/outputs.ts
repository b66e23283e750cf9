import * as core from "@actions/core";
import { type ActionStatus, secondsBetween } from "@dbt-cloud-kit/app-kit";
import type { DbtCloudRun } from "@dbt-cloud-kit/client";
import { setTextOutput } from "./bounded-outputs.js";

/** run-id, run-url and job-id: written the moment the run exists, so no later failure loses them. */
export function writeRunIdentity(run: DbtCloudRun, jobId: number): void {
  core.setOutput("run-id", String(run.id));
  if (run.href) core.setOutput("run-url", run.href);
  core.setOutput("job-id", String(jobId));
}

export interface RunTimes {
  durationSeconds: number | undefined;
  queuedSeconds: number | undefined;
  runSeconds: number | undefined;
}

/** Numeric durations from the timestamps (the API's duration strings have no documented format). */
export function runTimes(run: DbtCloudRun, now: Date = new Date()): RunTimes {
  const end = run.finished_at ?? (run.status >= 10 ? run.updated_at : now.toISOString());
  const startedRunning = run.started_at ?? run.dequeued_at;
  const queuedUntil = startedRunning ?? (run.status === 1 ? now.toISOString() : undefined);
  return {
    durationSeconds: secondsBetween(run.created_at, end),
    queuedSeconds: secondsBetween(run.created_at, queuedUntil),
    runSeconds: secondsBetween(startedRunning, end),
  };
}

export function writeRunState(run: DbtCloudRun, status: ActionStatus): RunTimes {
  const times = runTimes(run);
  core.setOutput("status", status);
  core.setOutput("status-code", String(run.status));
  setTextOutput("status-message", run.status_message ?? "");
  core.setOutput("git-sha", run.git_sha ?? "");
  core.setOutput("git-branch", run.git_branch ?? "");
  if (times.durationSeconds !== undefined) core.setOutput("duration-seconds", String(times.durationSeconds));
  if (times.queuedSeconds !== undefined) core.setOutput("queued-seconds", String(times.queuedSeconds));
  return times;
}
