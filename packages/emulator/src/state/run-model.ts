import type { RunStatus } from "@dbt-cloud-kit/client";
import type { RetryNotSupportedReason } from "../config/schema.js";
import type { StepExecution } from "../dbt/execute-step.js";

/** Why a run was started, and the overrides it was started with. */
export interface RunTrigger {
  cause: string;
  causeCategory: "api" | "rerun" | "ci";
  /** Echo of the trigger body (snake_case keys as sent). */
  overrides: Record<string, unknown>;
}

/** A step planned at trigger time (setup or dbt), with its outcome and, for dbt steps, its node results. */
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

/** A run as planned at trigger time; its status at any moment is derived from the clock (see `RunTimeline`). */
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
  /** job behaviour `statusMessage`: the status message of a run that fails or is cancelled as planned. */
  plannedStatusMessage?: string;
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

/** A step's start, end and status at a given moment. */
export interface StepTiming {
  step: PlannedStep;
  startedAt: number;
  finishedAt: number | undefined;
  status: RunStatus;
}

/** A run's state at a given moment: status, times, steps, and the runs it waits behind. */
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
