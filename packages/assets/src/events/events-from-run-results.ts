import type { Logger } from "@dbt-cloud-kit/client";
import type { ManifestLike } from "../specs/resource-props.js";
import type { DbtSpecs } from "../specs/types.js";
import type { DbtCloudTranslator } from "../translator/dbt-cloud-translator.js";
import { eventTargetsFor } from "./event-targets.js";
import { completedAtOf, resultMetadata, runContextOf } from "./result-metadata.js";
import type { RunResultsLike } from "./run-results-like.js";
import type { DbtEvent } from "./types.js";

export interface EventsFromRunResultsOptions {
  /** Keys come from this translator (default: `new DbtCloudTranslator()`). */
  translator?: DbtCloudTranslator;
  /**
   * Specs from `buildDbtSpecs` for the same manifest: keys are reused and only their assets and
   * checks produce events (checks that were not selected emit nothing).
   */
  specs?: DbtSpecs;
  /** The dbt Cloud run URL, added to every event as `run_url`. */
  runUrl?: string;
  /**
   * The account's access URL (e.g. `https://cloud.getdbt.com`): without `runUrl`, the run URL is
   * built from it and `DBT_CLOUD_ACCOUNT_ID` / `DBT_CLOUD_PROJECT_ID` / `DBT_CLOUD_RUN_ID` in
   * `metadata.env` (dbt Cloud writes them).
   */
  accessUrl?: string;
  /** Warned once about results whose unique id the manifest does not have (stale manifest). */
  logger?: Logger;
  /** Clock for the completion-time fallback (tests). */
  now?: () => Date;
}

/**
 * Turns a run's `run_results.json` into events: materializations for built models, seeds and
 * snapshots; failure and skip events for those that errored or were skipped; check results for data
 * tests (`pass`, `fail`, `warn`, `error`, with the failed row count) and skips. One pass over the
 * results; unique id -> key/check is resolved once per manifest (and translator or specs) and kept
 * for later calls with the same manifest object.
 */
export function eventsFromRunResults(
  runResults: RunResultsLike,
  manifest: ManifestLike,
  options: EventsFromRunResultsOptions = {},
): DbtEvent[] {
  const targets = eventTargetsFor(manifest, options.translator, options.specs);
  const context = runContextOf(
    runResults,
    options.runUrl,
    options.accessUrl,
    options.now ?? (() => new Date()),
  );
  const events: DbtEvent[] = [];
  const unknown: string[] = [];

  for (const result of runResults.results) {
    const target = targets.targetOf(result.unique_id);
    if (target.kind === "unknown") {
      unknown.push(result.unique_id);
      continue;
    }
    if (target.kind === "none") continue;
    const completedAt = completedAtOf(result, context);
    const metadata = resultMetadata(result, context, completedAt);
    const uniqueId = result.unique_id;
    const status = normalizeStatus(result.status);

    if (target.kind === "asset") {
      const assetKey = target.key;
      if (status === "success" || status === "partial success") {
        events.push({ type: "materialization", assetKey, uniqueId, completedAt, metadata });
      } else if (status === "error" || status === "runtime error") {
        events.push({
          type: "asset_failure",
          assetKey,
          uniqueId,
          completedAt,
          metadata,
          message: result.message ?? "",
        });
      } else if (status === "skipped") {
        events.push({ type: "asset_skipped", assetKey, uniqueId, completedAt, metadata });
      }
      continue;
    }

    const assetKey = target.asset;
    const checkName = target.name;
    if (status === "skipped") {
      events.push({ type: "check_skipped", assetKey, checkName, uniqueId, completedAt, metadata });
      continue;
    }
    if (status === "no-op") continue;
    const passed = status === "pass" || status === "success";
    const severity = status === "warn" ? "warn" : "error";
    const checkStatus = passed ? "pass" : status;
    const failures = result.failures;
    if (typeof failures === "number") metadata.failed_row_count = failures;
    events.push({
      type: "check_result",
      assetKey,
      checkName,
      uniqueId,
      completedAt,
      metadata,
      passed,
      severity,
      status: checkStatus,
      ...(typeof failures === "number" ? { failedRowCount: failures } : {}),
    });
  }

  if (unknown.length > 0) {
    options.logger?.warn(
      `${unknown.length} result(s) in run_results.json are not in the manifest (e.g. ${unknown.slice(0, 3).join(", ")}); ` +
        "no events for them. The manifest is probably older than the run: fetch it again.",
    );
  }
  return events;
}

const KNOWN_STATUSES: ReadonlySet<string> = new Set([
  "success",
  "error",
  "skipped",
  "pass",
  "fail",
  "warn",
  "no-op",
  "partial success",
  "runtime error",
]);

/** dbt writes lower case; dbt Fusion and older tools sometimes do not. */
function normalizeStatus(status: string): string {
  return KNOWN_STATUSES.has(status) ? status : status.toLowerCase();
}
