/**
 * The parts of `run_results.json` events and summaries read. Structural: the typed `DbtRunResults`
 * satisfies it, and so does a raw `JSON.parse` result.
 */
export interface RunResultLike {
  unique_id: string;
  status: string;
  timing?: ReadonlyArray<{ name?: string; started_at?: string | null; completed_at?: string | null }> | null;
  execution_time?: number | null;
  adapter_response?: Record<string, unknown> | null;
  message?: string | null;
  failures?: number | null;
  relation_name?: string | null;
  thread_id?: string | null;
  [key: string]: unknown;
}

export interface RunResultsLike {
  metadata?: {
    invocation_id?: string | null;
    generated_at?: string;
    env?: Record<string, string | number | null> | null;
    [key: string]: unknown;
  } | null;
  results: readonly RunResultLike[];
  elapsed_time?: number | null;
  [key: string]: unknown;
}
