/** Lenient types for dbt's source freshness `sources.json` (schema v1–v3). Unknown fields are kept. */

import type { DbtAdapterResponse, DbtTimingInfo } from "./run-results-types.js";

export type DbtSourceFreshnessStatus = "pass" | "warn" | "error" | "runtime error" | (string & {});

export interface DbtSourceFreshnessResult {
  unique_id: string;
  status: DbtSourceFreshnessStatus;
  max_loaded_at?: string;
  snapshotted_at?: string;
  max_loaded_at_time_ago_in_s?: number;
  criteria?: Record<string, unknown>;
  adapter_response?: DbtAdapterResponse;
  timing?: DbtTimingInfo[];
  thread_id?: string;
  execution_time?: number;
  /** Runtime errors carry a message instead of freshness figures. */
  error?: string | null;
  [key: string]: unknown;
}

export interface DbtSourcesMetadata {
  /** e.g. `https://schemas.getdbt.com/dbt/sources/v3.json` */
  dbt_schema_version: string;
  dbt_version?: string;
  generated_at?: string;
  invocation_id?: string | null;
  env?: Record<string, string>;
  [key: string]: unknown;
}

/** The contents of `sources.json`, written by `dbt source freshness`. */
export interface DbtSources {
  metadata: DbtSourcesMetadata;
  results: DbtSourceFreshnessResult[];
  elapsed_time?: number;
  [key: string]: unknown;
}
