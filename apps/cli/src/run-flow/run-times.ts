import type { DbtCloudRun } from "@dbt-cloud-kit/client";
import { secondsBetween } from "./run-status.js";

export interface RunTimes {
  durationSeconds: number | undefined;
  queuedSeconds: number | undefined;
  runSeconds: number | undefined;
}

/** Numeric durations from the timestamps, as the action's outputs compute them. */
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
