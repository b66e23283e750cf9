import * as core from "@actions/core";
import type { SummaryFacts } from "@dbt-cloud-kit/app-kit";
import {
  type ArtifactDownloads,
  artifactsUnavailable,
  downloadArtifacts,
  readRunResults,
} from "@dbt-cloud-kit/app-kit";
import type { DbtRunSummary } from "@dbt-cloud-kit/assets";
import type { DbtCloudClient, DbtCloudRun } from "@dbt-cloud-kit/client";
import type { ActionConfig } from "../config/action-config.js";
import { annotate, print } from "../github/action-log.js";
import { setResultsOutput, writeFailedNodes } from "../outputs/bounded-outputs.js";
import type { RunReport } from "../summary/run-report.js";

/**
 * The pipeline's fourth step: download the requested artifacts (in their own log group), write their
 * paths and the `results` / `failed-nodes` outputs, and return dbt's results when run_results.json was
 * downloaded and could be read. Nothing here fails the step: problems are warnings in the log and summary.
 */
export async function downloadResults(
  client: DbtCloudClient,
  config: ActionConfig,
  run: DbtCloudRun,
  report: RunReport,
  signal: AbortSignal,
): Promise<DbtRunSummary | undefined> {
  if (config.artifacts.length === 0) return undefined;
  const downloads = await core.group("Download artifacts", () =>
    downloadArtifacts(client, run, config.artifacts, config.artifactsDir, config.artifactsStep, signal).catch(
      (error: unknown) => {
        if (signal.aborted) throw error;
        return artifactsUnavailable(run, config.artifacts, config.artifactsDir, error);
      },
    ),
  );
  return applyArtifacts(downloads, report.facts);
}

async function applyArtifacts(
  downloads: ArtifactDownloads,
  facts: SummaryFacts,
): Promise<DbtRunSummary | undefined> {
  for (const w of downloads.warnings) annotate("warning", w);
  facts.warnings.push(...downloads.warnings);
  core.setOutput("artifacts-dir", downloads.dir);
  const runResults = downloads.files.get("run_results.json");
  const manifest = downloads.files.get("manifest.json");
  if (runResults) core.setOutput("run-results-path", runResults);
  if (manifest) core.setOutput("manifest-path", manifest);
  const artifacts: NonNullable<SummaryFacts["artifacts"]> = {
    dir: downloads.dir,
    files: [...downloads.files.keys()],
    missing: downloads.missing,
  };
  if (downloads.step !== undefined) artifacts.step = downloads.step;
  if (downloads.error !== undefined) artifacts.error = downloads.error;
  facts.artifacts = artifacts;
  if (!runResults) return undefined;
  try {
    const report = await readRunResults(runResults, manifest, (m) => annotate("warning", m));
    const counts = Object.entries(report.summary.byStatus)
      .map(([status, n]) => `${n} ${status}`)
      .join(", ");
    print.line(`dbt results: ${report.summary.total} nodes — `, counts);
    setResultsOutput(report.results, print.line);
    await writeFailedNodes(report.failedNodes, downloads.dir, print.line);
    return report.summary;
  } catch (error) {
    const warning = `run_results.json could not be read: ${(error as Error).message}`;
    annotate("warning", warning);
    facts.warnings.push(warning);
    return undefined;
  }
}
