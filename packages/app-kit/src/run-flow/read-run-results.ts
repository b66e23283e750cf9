import type { DbtManifest, DbtRunSummary } from "@dbt-cloud-kit/assets";
import { nestedCountEntries } from "../summary/count-entries.js";

/** Counts keyed by resource type, then status: null-prototype objects, since the keys come from artifacts. */
export type CountsByResourceType = Record<string, Record<string, number>>;

export interface RunResultsReport {
  summary: DbtRunSummary;
  /** The `results` output: counts by resource type and status. */
  results: CountsByResourceType;
  /** The `failed-nodes` output: unique ids of failed nodes. */
  failedNodes: string[];
}

/**
 * `{ type: { status: n } }` from the summary's counts, built on null-prototype objects: a resource type or
 * status such as `__proto__` or `constructor` is an ordinary key, and JSON.stringify writes it as before.
 */
export function countsByResourceType(summary: DbtRunSummary): CountsByResourceType {
  const out: CountsByResourceType = Object.create(null);
  for (const [type, counts] of nestedCountEntries(summary.byResourceType)) {
    const perStatus: Record<string, number> = Object.create(null);
    for (const [status, n] of counts) perStatus[status] = n;
    out[type] = perStatus;
  }
  return out;
}

/**
 * Reads the downloaded run_results.json (and manifest.json, for names and file paths) and summarises them.
 * @dbt-cloud-kit/assets is loaded here, after the run ended, so the CLI never loads it at start-up.
 */
export async function readRunResults(
  runResultsPath: string,
  manifestPath: string | undefined,
  warn: (message: string) => void,
): Promise<RunResultsReport> {
  const { readManifestFile, readRunResultsFile, summarizeRunResults } = await import("@dbt-cloud-kit/assets");
  const runResults = await readRunResultsFile(runResultsPath);
  let manifest: DbtManifest | undefined;
  if (manifestPath !== undefined) {
    try {
      manifest = await readManifestFile(manifestPath);
    } catch (error) {
      warn(`manifest.json could not be read, so file paths are missing: ${(error as Error).message}`);
    }
  }
  const summary = summarizeRunResults(runResults, manifest);
  return {
    summary,
    results: countsByResourceType(summary),
    failedNodes: [...new Set(summary.failed.map((n) => n.uniqueId))],
  };
}
