import type { DbtCloudCredentials } from "@dbt-cloud-kit/credentials";
import type { DbtCloudClient, DbtCloudClientOptions } from "../client.js";
import type { Logger } from "../logger.js";
import type { DbtCloudRun } from "../models/run.js";
import type { TriggerRunOptions } from "../trigger-options.js";
import type { TriggerRecoveryEvent } from "../trigger-recovery.js";

export type AdhocJobPoolMode = "overflow" | "wait" | "fail";

export interface DbtCloudWorkspaceOptions {
  credentials: DbtCloudCredentials;
  projectId: number;
  environmentId: number;
  /** An existing client; otherwise one is built from `credentials` and `clientOptions`. */
  client?: DbtCloudClient | undefined;
  clientOptions?: Omit<DbtCloudClientOptions, "credentials"> | undefined;
  logger?: Logger | undefined;
  /** Custom ad hoc job name (verbatim for the first job, prefix of the others). */
  adhocJobName?: string | undefined;
  /** Number of ad hoc jobs (dbt Cloud runs one run per job at a time). Default 1. */
  adhocJobPoolSize?: number | undefined;
  /** When every pool job is busy: `overflow` (queue on a random one, default), `wait`, or `fail`. */
  adhocJobPoolMode?: AdhocJobPoolMode | undefined;
  /** `wait` mode: give up after this long. Default 5 min. */
  poolWaitTimeoutMs?: number | undefined;
  /** `wait` mode: gap between checks. Default 5 s. */
  poolWaitIntervalMs?: number | undefined;
  /** Limit for the `dbt parse` run. Default: none (parse waits as long as it takes). */
  parseTimeoutMs?: number | undefined;
  /** Longest gap between polls of ad hoc runs. Default 10 s. */
  pollIntervalMs?: number | undefined;
  /** Directory for the on-disk manifest cache (keyed by account, project, environment, git sha). */
  cacheDir?: string | undefined;
}

export interface CommandRunOptions {
  cause?: string | undefined;
  signal?: AbortSignal | undefined;
  logger?: Logger | undefined;
  /** Extra trigger overrides (git sha/branch, schema, threads…); `stepsOverride` comes from the call. */
  overrides?: Omit<TriggerRunOptions, "cause" | "stepsOverride"> | undefined;
  onTriggered?: ((run: DbtCloudRun, jobId: number) => void | Promise<void>) | undefined;
  onRecovery?: ((event: TriggerRecoveryEvent) => void) | undefined;
}

export interface CommandWaitOptions extends CommandRunOptions {
  onStatusChange?:
    | ((run: DbtCloudRun, previous: DbtCloudRun | undefined) => void | Promise<void>)
    | undefined;
  timeoutMs?: number | undefined;
  pollIntervalMs?: number | undefined;
  /** Cancel the run when `signal` aborts while waiting. Default true. */
  cancelOnAbort?: boolean | undefined;
}

export interface TriggeredCommands {
  run: DbtCloudRun;
  jobId: number;
}

export interface CompletedCommands extends TriggeredCommands {
  /** The terminal run, re-read once with `run_steps` (step logs included). */
  run: DbtCloudRun;
  triggeredRun: DbtCloudRun;
}

export interface FetchManifestOptions {
  signal?: AbortSignal | undefined;
  logger?: Logger | undefined;
  /** Parse this commit (sent as `git_sha`) and key the caches by it. */
  gitSha?: string | undefined;
  /** Ignore cached manifests and run `dbt parse` again. */
  refresh?: boolean | undefined;
}

export interface DbtCloudWorkspaceData {
  projectId: number;
  environmentId: number;
  adhocJobIds: number[];
  /** The manifest as parsed JSON (typed readers live in `@dbt-cloud-kit/assets`). */
  manifest: Record<string, unknown>;
  /** Git sha the manifest was parsed at, when known. */
  gitSha: string | undefined;
  /** The `dbt parse` run, or undefined when served from the disk cache. */
  runId: number | undefined;
  source: "memory" | "disk" | "parse";
}
