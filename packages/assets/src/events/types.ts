import type { AssetKey } from "../specs/asset-key.js";
import type { JsonValue } from "../specs/resource-props.js";

export type EventMetadata = Record<string, JsonValue>;

interface DbtEventBase {
  /** The dbt unique id of the result. */
  uniqueId: string;
  /** When dbt finished the node (ISO 8601); falls back to the run_results write time when `timing` is empty. */
  completedAt: string;
  /**
   * Always has `unique_id`, `status`, `execution_duration` (seconds), `completed_at`; when known:
   * `invocation_id`, `run_id`, `run_url`, `rows_affected`, `adapter_response`, `message`,
   * `relation_name`, and for tests `failed_row_count`.
   */
  metadata: EventMetadata;
}

/** A model, seed or snapshot was built (`success`, or `partial success` for microbatch models). */
export interface DbtMaterializationEvent extends DbtEventBase {
  type: "materialization";
  assetKey: AssetKey;
}

/** A model, seed or snapshot failed to build (`error`). */
export interface DbtAssetFailureEvent extends DbtEventBase {
  type: "asset_failure";
  assetKey: AssetKey;
  message: string;
}

/** A model, seed or snapshot was skipped (an upstream node failed). */
export interface DbtAssetSkippedEvent extends DbtEventBase {
  type: "asset_skipped";
  assetKey: AssetKey;
}

/** A data test ran: `pass`, `fail`, `warn` or `error`. */
export interface DbtCheckResultEvent extends DbtEventBase {
  type: "check_result";
  assetKey: AssetKey;
  checkName: string;
  passed: boolean;
  /** `warn` when the test only warned, otherwise `error`. */
  severity: "error" | "warn";
  status: string;
  /** `failures` from run_results, when dbt reported it. */
  failedRowCount?: number;
}

/** A data test was skipped (an upstream node failed). */
export interface DbtCheckSkippedEvent extends DbtEventBase {
  type: "check_skipped";
  assetKey: AssetKey;
  checkName: string;
}

export type DbtEvent =
  | DbtMaterializationEvent
  | DbtAssetFailureEvent
  | DbtAssetSkippedEvent
  | DbtCheckResultEvent
  | DbtCheckSkippedEvent;
