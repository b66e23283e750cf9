import * as core from "@actions/core";
import { type ActionStatus, type RunTimes, runTimes } from "@dbt-cloud-kit/app-kit";
import type { DbtCloudRun } from "@dbt-cloud-kit/client";
import { setTextOutput } from "./bounded-outputs.js";

/** run-id, run-url and job-id: written the moment the run exists, so no later failure loses them. */
export function writeRunIdentity(run: DbtCloudRun, jobId: number): void {
  core.setOutput("run-id", String(run.id));
  if (run.href) core.setOutput("run-url", run.href);
  core.setOutput("job-id", String(jobId));
}

/** status, status-code, status-message, git-sha, git-branch and the durations of `run` as it is now. */
export function writeRunState(run: DbtCloudRun, status: ActionStatus, now: Date = new Date()): RunTimes {
  const times = runTimes(run, now);
  core.setOutput("status", status);
  core.setOutput("status-code", String(run.status));
  setTextOutput("status-message", run.status_message ?? "");
  core.setOutput("git-sha", run.git_sha ?? "");
  core.setOutput("git-branch", run.git_branch ?? "");
  if (times.durationSeconds !== undefined) core.setOutput("duration-seconds", String(times.durationSeconds));
  if (times.queuedSeconds !== undefined) core.setOutput("queued-seconds", String(times.queuedSeconds));
  return times;
}
