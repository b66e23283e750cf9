import type { RunStatus } from "@dbt-cloud-kit/client";
import type { RetryNotSupportedReason } from "../config/schema.js";
import type { StepExecution } from "../dbt/execute-step.js";

export interface RunTrigger {
  cause: string;
  causeCategory: "api" | "rerun" | "ci";
  /** Echo of the trigger body (snake_case keys as sent). */
  overrides: Record<string, unknown>;
}

export interface PlannedStep {
  id: number;
  /** 1-based, as dbt Cloud numbers steps. */
  index: number;
  name: string;
  kind: "setup" | "dbt";
  durationMs: number;
  outcome: "success" | "error";
  /** dbt steps only. */
  execution?: StepExecution;
  invocationId: string;
  setupError?: string;
}

export interface RunRecord {
  id: number;
  triggerId: number;
  accountId: number;
  projectId: number;
  environmentId: number;
  jobId: number;
  createdAt: number;
  trigger: RunTrigger;
  gitSha: string;
  gitBranch: string;
  dbtVersion: string;
  /** Deployment-job runs execute one at a time; CI runs do not wait for each other. */
  serial: boolean;
  queuedMs: number;
  startingMs: number;
  steps: PlannedStep[];
  /** Names of the steps that never run because an earlier step failed. */
  skippedSteps: string[];
  /** outcome "cancelled": cancel this long after the run starts running. */
  plannedCancelAfterMs?: number;
  plannedCancelMessage?: string;
  cancelledAt?: number;
  cancelMessage?: string;
  artifactsEnabled: boolean;
  /** Once cancelled, the run reports `finished_at: null`, as dbt Cloud sometimes does. */
  cancelledWithoutFinishedAt?: boolean;
  retryNotSupportedReason?: RetryNotSupportedReason;
  retryOfRunId?: number;
  pullRequestId?: number;
  generateDocs: boolean;
  threads: number;
  targetName: string;
  /** Set once the run is terminal: its timeline can no longer change. */
  settled?: RunTimeline;
}

export interface StepTiming {
  step: PlannedStep;
  startedAt: number;
  finishedAt: number | undefined;
  status: RunStatus;
}

export interface RunTimeline {
  status: RunStatus;
  dequeuedAt: number | undefined;
  startedAt: number | undefined;
  finishedAt: number | undefined;
  /** The planned or actual end (terminal time). */
  endAt: number;
  endStatus: RunStatus;
  statusMessage: string | undefined;
  steps: StepTiming[];
  blockedBy: number[];
}
