import type { DbtManifest, DbtRunSummary } from "@dbt-cloud-kit/assets";

export interface RunResultsReport {
  summary: DbtRunSummary;
  /** Counts by resource type and status (the action's `results` output). */
  results: Record<string, Record<string, number>>;
  /** Unique ids of failed nodes (the action's `failed-nodes` output). */
  failedNodes: string[];
}

/**
 * Reads the downloaded run_results.json (and manifest.json, for names and file paths) and summarises them.
 * @dbt-cloud-kit/assets is loaded here, after the run ended, never at start-up.
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
    results: summary.byResourceType,
    failedNodes: [...new Set(summary.failed.map((n) => n.uniqueId))],
  };
}
