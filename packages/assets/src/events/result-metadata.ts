import type { JsonValue } from "../specs/resource-props.js";
import { isRecord } from "../specs/resource-props.js";
import type { RunResultLike, RunResultsLike } from "./run-results-like.js";
import type { EventMetadata } from "./types.js";

/** Facts shared by every event of one run_results file. */
export interface RunContext {
  invocationId?: string;
  runId?: string;
  runUrl?: string;
  /** Fallback completion time: the run_results write time, else now. */
  fallbackCompletedAt: string;
}

export function runContextOf(
  runResults: RunResultsLike,
  runUrl: string | undefined,
  accessUrl: string | undefined,
  now: () => Date,
): RunContext {
  const metadata = runResults.metadata ?? {};
  const context: RunContext = {
    fallbackCompletedAt:
      typeof metadata.generated_at === "string" ? metadata.generated_at : now().toISOString(),
  };
  if (typeof metadata.invocation_id === "string") context.invocationId = metadata.invocation_id;
  const env = metadata.env ?? {};
  const runId = envValue(env.DBT_CLOUD_RUN_ID);
  if (runId) context.runId = runId;
  const url =
    runUrl ??
    runUrlFromEnv(accessUrl, envValue(env.DBT_CLOUD_ACCOUNT_ID), envValue(env.DBT_CLOUD_PROJECT_ID), runId);
  if (url) context.runUrl = url;
  return context;
}

function envValue(value: string | number | null | undefined): string | undefined {
  return value === undefined || value === null || value === "" ? undefined : String(value);
}

/** dbt Cloud's run page: `<access URL>/deploy/<account>/projects/<project>/runs/<run>/`. */
function runUrlFromEnv(
  accessUrl: string | undefined,
  accountId: string | undefined,
  projectId: string | undefined,
  runId: string | undefined,
): string | undefined {
  if (!accessUrl || !accountId || !projectId || !runId) return undefined;
  const base = /^https?:\/\//.test(accessUrl) ? accessUrl : `https://${accessUrl}`;
  return `${base.replace(/\/+$/, "")}/deploy/${accountId}/projects/${projectId}/runs/${runId}/`;
}

/** The last `completed_at` in `timing`, or the fallback when dbt wrote none (dbt Cloud sometimes does). */
export function completedAtOf(result: RunResultLike, context: RunContext): string {
  const timing = result.timing ?? [];
  for (let i = timing.length - 1; i >= 0; i--) {
    const completed = timing[i]?.completed_at;
    if (completed) return completed;
  }
  return context.fallbackCompletedAt;
}

export function resultMetadata(
  result: RunResultLike,
  context: RunContext,
  completedAt: string,
): EventMetadata {
  const metadata: EventMetadata = {
    unique_id: result.unique_id,
    status: result.status,
    execution_duration: typeof result.execution_time === "number" ? result.execution_time : 0,
    completed_at: completedAt,
  };
  if (context.invocationId) metadata.invocation_id = context.invocationId;
  if (context.runId) metadata.run_id = context.runId;
  if (context.runUrl) metadata.run_url = context.runUrl;
  const adapter = result.adapter_response;
  if (isRecord(adapter) && hasOwnKeys(adapter)) {
    if (typeof adapter.rows_affected === "number") metadata.rows_affected = adapter.rows_affected;
    // run_results is JSON, so the adapter response already is a JSON value: shared, not copied.
    metadata.adapter_response = adapter as { [key: string]: JsonValue };
  }
  if (typeof result.message === "string" && result.message !== "") metadata.message = result.message;
  if (typeof result.relation_name === "string") metadata.relation_name = result.relation_name;
  return metadata;
}

function hasOwnKeys(value: object): boolean {
  for (const key in value) if (Object.hasOwn(value, key)) return true;
  return false;
}
