import type { DbtCloudTranslator, DbtEvent } from "@dbt-cloud-kit/assets";
import type { DbtCloudWorkspace, Logger } from "@dbt-cloud-kit/client";
import type { CursorStore } from "./stores/cursor-store.js";
import type { WebhookHeaders } from "./webhooks/headers.js";

export interface DbtCloudPollingSensorOptions {
  workspace: DbtCloudWorkspace;
  /** Asset keys and check names of the events (default: `new DbtCloudTranslator()`). */
  translator?: DbtCloudTranslator | undefined;
  /** Only runs of these jobs (default: every job of the workspace's project and environment). */
  jobIds?: readonly number[] | undefined;
  /** Also report runs of the workspace's own ad hoc jobs (default false: `dbtCloudAssets` reports those). */
  includeAdhocRuns?: boolean | undefined;
  /** Runs whose artifacts are fetched at the same time (default 8). */
  concurrency?: number | undefined;
  /** How far before the watermark each listing starts, for late-arriving and clock-skewed runs (default 300). */
  overlapSeconds?: number | undefined;
  /** Gap between ticks of `run()` (default 30). */
  minimumIntervalSeconds?: number | undefined;
  /** First tick without a cursor: report runs that finished this long before it (default: overlapSeconds). */
  lookbackSeconds?: number | undefined;
  /** Manifests kept in memory, keyed by job and git sha (default 16). */
  manifestCacheSize?: number | undefined;
  logger?: Logger | undefined;
}

/** One newly reported finished run. */
export interface SensorRun {
  runId: number;
  jobId: number;
  /** 10 success, 20 error, 30 cancelled. */
  status: number;
  statusName: string;
  /** dbt Cloud's run page (`href`), when the API gave one. */
  url: string | undefined;
  /**
   * ISO 8601, as dbt Cloud reported it. A cancelled run that dbt Cloud left without `finished_at`
   * gives its `updated_at` (the cancellation) instead.
   */
  finishedAt: string;
  /** Whether the run left a `run_results.json` to read events from. */
  hasArtifacts: boolean;
}

/** An assets-package event tagged with the dbt Cloud run it came from. */
export type SensorEvent = DbtEvent & { runId: number };

export interface TickOptions {
  /** The previous tick's cursor; none on the very first tick. */
  cursor?: string | undefined;
  signal?: AbortSignal | undefined;
  /** Stop starting new work after this long (ms, on the client's clock); the result is then `complete: false`. */
  budgetMs?: number | undefined;
}

export interface TickResult {
  /** Newly reported runs, in order of completion. */
  runs: SensorRun[];
  /** Their events: by run completion, then topologically within a run. */
  events: SensorEvent[];
  /** Store it and pass it to the next tick. */
  cursor: string;
  /** False when the budget or the signal ended the tick early; the cursor resumes exactly there. */
  complete: boolean;
}

export interface WebhookInput {
  /** The request body exactly as received (the signature covers these bytes). */
  rawBody: string | Uint8Array;
  /** Request headers (any case); `authorization` carries the signature. */
  headers: WebhookHeaders;
  /** The webhook's secret from dbt Cloud (several while rotating: any one may match). */
  secret: string | readonly string[];
  cursor?: string | undefined;
  signal?: AbortSignal | undefined;
}

export interface WebhookResult {
  runs: SensorRun[];
  events: SensorEvent[];
  cursor: string;
}

export interface RunOptions {
  store: CursorStore;
  signal: AbortSignal;
  /** Called with every tick that reported runs, before its cursor is committed (at-least-once). */
  onTick: (result: TickResult) => void | Promise<void>;
  /** Lease length; a replica that stops renewing loses it after this (default: 4 × the interval, ≥ 60 s). */
  leaseTtlMs?: number | undefined;
  /** Per-tick budget (default: half the lease length). */
  budgetMs?: number | undefined;
}

export interface ProcessWebhookOptions extends Omit<WebhookInput, "cursor"> {
  store: CursorStore;
  onTick: (result: WebhookResult) => void | Promise<void>;
}

export interface DbtCloudPollingSensor {
  /** `dbt_cloud_<account>_<project>_<environment>__run_status_sensor`. */
  readonly name: string;
  tick(options?: TickOptions): Promise<TickResult>;
  run(options: RunOptions): Promise<void>;
  handleWebhook(input: WebhookInput): Promise<WebhookResult>;
  /**
   * `handleWebhook` against a store, serialised with this process's `run()` loop: reports the run
   * once (whichever path saw it first), `onTick` before the commit. When another replica holds the
   * lease it leaves the run to that replica's polling.
   */
  processWebhook(options: ProcessWebhookOptions): Promise<WebhookResult>;
}
