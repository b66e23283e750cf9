import {
  type DbtManifest,
  type DbtRunSummary,
  readManifestFile,
  readRunResultsFile,
  summarizeRunResults,
} from "@dbt-cloud-kit/assets";

export interface RunResultsReport {
  summary: DbtRunSummary;
  /** The `results` output: counts by resource type and status. */
  results: Record<string, Record<string, number>>;
  /** The `failed-nodes` output: unique ids of failed nodes. */
  failedNodes: string[];
}

/** Reads the downloaded run_results.json (and manifest.json, for names and file paths) and summarises them. */
export async function readRunResults(
  runResultsPath: string,
  manifestPath: string | undefined,
  warn: (message: string) => void,
): Promise<RunResultsReport> {
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
