/** Lenient types for dbt's `run_results.json` (schema v4–v6 and dbt Fusion 2.x). Unknown fields are kept. */

/**
 * Result statuses: nodes report `success` / `error` / `skipped` / `no-op` / `partial success`; tests report
 * `pass` / `fail` / `warn` / `error` / `skipped`; `runtime error` appears for source freshness.
 */
export type DbtRunResultStatus =
  | "success"
  | "error"
  | "skipped"
  | "pass"
  | "fail"
  | "warn"
  | "runtime error"
  | "no-op"
  | "partial success"
  | (string & {});

export interface DbtTimingInfo {
  /** `compile` or `execute` */
  name: string;
  started_at?: string | null;
  completed_at?: string | null;
  [key: string]: unknown;
}

export interface DbtAdapterResponse {
  _message?: string;
  code?: string;
  rows_affected?: number;
  [key: string]: unknown;
}

export interface DbtRunResult {
  unique_id: string;
  status: DbtRunResultStatus;
  /** May be empty (dbt Cloud sometimes writes `[]`, and errors before compile have none). */
  timing: DbtTimingInfo[];
  thread_id?: string;
  execution_time?: number;
  adapter_response?: DbtAdapterResponse;
  message?: string | null;
  /** Failed row count for tests; `null` for other nodes. */
  failures?: number | null;
  compiled?: boolean | null;
  compiled_code?: string | null;
  relation_name?: string | null;
  batch_results?: unknown;
  [key: string]: unknown;
}

export interface DbtRunResultsMetadata {
  /** e.g. `https://schemas.getdbt.com/dbt/run-results/v6.json` */
  dbt_schema_version: string;
  dbt_version?: string;
  generated_at?: string;
  invocation_id?: string | null;
  /** dbt Cloud writes `DBT_CLOUD_RUN_ID`, `DBT_CLOUD_JOB_ID`, … here. */
  env?: Record<string, string>;
  [key: string]: unknown;
}

export interface DbtRunResults {
  metadata: DbtRunResultsMetadata;
  results: DbtRunResult[];
  elapsed_time?: number;
  args?: Record<string, unknown>;
  [key: string]: unknown;
}
