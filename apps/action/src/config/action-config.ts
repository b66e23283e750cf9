import type { IfRunning } from "@dbt-cloud-kit/app-kit";
import type { DbtCloudCredentials } from "@dbt-cloud-kit/credentials";

export type { IfRunning };

export type JobSelector =
  | { kind: "id"; jobId: number }
  | { kind: "name"; name: string; projectId?: number; environmentId?: number };

/** Trigger overrides as the user gave them (CI mode may add PR number, sha and schema later). */
export interface TriggerOverrideInputs {
  gitSha?: string;
  gitBranch?: string;
  pullRequestId?: number;
  schemaOverride?: string;
  dbtVersionOverride?: string;
  threadsOverride?: number;
  targetNameOverride?: string;
  generateDocsOverride?: boolean;
  timeoutSecondsOverride?: number;
  stepsOverride?: string[];
}

/** Every input, validated once before any request. Durations are in milliseconds. */
export interface ActionConfig {
  /** Account id, normalised access URL and the token (kept out of logs and JSON by the credentials package). */
  credentials: DbtCloudCredentials;
  job: JobSelector;
  cause?: string;
  ci: boolean;
  overrides: TriggerOverrideInputs;
  wait: boolean;
  pollIntervalMs: number;
  /** 0 = no limit. */
  timeoutMs: number;
  cancelOnTimeout: boolean;
  cancelOnAbort: boolean;
  failOnError: boolean;
  ifRunning: IfRunning;
  retryFailed: boolean;
  artifacts: string[];
  /** Artifacts named explicitly (the input differs from its default): missing ones fail a successful run. */
  requiredArtifacts: string[];
  artifactsDir: string;
  artifactsStep: "auto" | number;
  jobSummary: boolean;
  annotations: boolean;
  prComment: boolean;
  githubToken?: string;
  requestTimeoutMs: number;
}
