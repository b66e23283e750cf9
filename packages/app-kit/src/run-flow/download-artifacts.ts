import { join } from "node:path";
import type { DbtCloudClient, DbtCloudRun } from "@dbt-cloud-kit/client";
import { chooseArtifactStep, DbtCloudNotFoundError, stepDbtCommand } from "@dbt-cloud-kit/client";
import { prepareArtifactFile, prepareArtifactRoot, UnsafeArtifactPathError } from "./artifact-target.js";

export interface ArtifactDownloads {
  dir: string;
  /** The step run_results.json / manifest.json came from. */
  step: number | undefined;
  /** Artifact path (e.g. run_results.json) -> local file. */
  files: Map<string, string>;
  missing: string[];
  warnings: string[];
  /** Why the artifacts could not be downloaded at all (not a 404 of one file). */
  error?: string;
}

/**
 * Downloads the requested artifacts of the chosen step into `dir`. Missing files are warnings: dbt Cloud
 * produces none for cancelled runs, `dbt parse`-only steps or failures before dbt ran. Nothing is written
 * through a symbolic link that leads out of `dir` (see artifact-target.ts).
 */
export async function downloadArtifacts(
  client: DbtCloudClient,
  run: DbtCloudRun,
  paths: readonly string[],
  dir: string,
  stepInput: "auto" | number,
  signal: AbortSignal,
): Promise<ArtifactDownloads> {
  const result: ArtifactDownloads = { dir, step: undefined, files: new Map(), missing: [], warnings: [] };
  if (paths.length === 0) return result;
  const mainStep = stepInput === "auto" ? chooseArtifactStep(run) : stepInput;
  result.step = mainStep;
  let root: string;
  try {
    root = await prepareArtifactRoot(dir);
  } catch (error) {
    result.missing.push(...paths);
    result.error = (error as Error).message;
    result.warnings.push(`No artifacts of run ${run.id} were downloaded: ${result.error}`);
    return result;
  }
  const listed = await client.listRunArtifacts(run.id, { signal });
  if (listed.length === 0) {
    result.missing.push(...paths);
    result.warnings.push(`Run ${run.id} saved no artifacts, so ${paths.join(", ")} could not be downloaded.`);
    return result;
  }
  for (const path of paths) {
    const step = stepInput === "auto" ? (producerStep(run, path) ?? mainStep) : stepInput;
    try {
      const target = await prepareArtifactFile(root, path);
      await client.downloadRunArtifact(run.id, path, {
        ...(step !== undefined ? { step } : {}),
        toFile: target,
        signal,
      });
      result.files.set(path, join(dir, path));
    } catch (error) {
      if (signal.aborted) throw error;
      result.missing.push(path);
      if (error instanceof UnsafeArtifactPathError) {
        result.error = error.message;
        result.warnings.push(`Skipped artifact ${path}: ${error.message}.`);
        continue;
      }
      if (!(error instanceof DbtCloudNotFoundError)) {
        result.error = (error as Error).message;
        result.warnings.push(`Artifact ${path} of run ${run.id} could not be downloaded: ${result.error}`);
        continue;
      }
      result.warnings.push(
        `Artifact ${path} was not produced by run ${run.id}${step !== undefined ? ` step ${step}` : ""} (404).`,
      );
    }
  }
  return result;
}

/** catalog.json comes from `dbt docs generate`, sources.json from `dbt source freshness`: their own steps. */
export function producerStep(run: DbtCloudRun, path: string): number | undefined {
  const command =
    path === "catalog.json" ? "docs generate" : path === "sources.json" ? "source freshness" : undefined;
  if (command === undefined) return undefined;
  const steps = (run.run_steps ?? []).filter((s) => stepDbtCommand(s) === command);
  return steps.sort((a, b) => a.index - b.index).at(-1)?.index;
}

/** Downloading failed for another reason than a 404 (after the client's retries): a warning, never fatal. */
export function artifactsUnavailable(
  run: DbtCloudRun,
  paths: readonly string[],
  dir: string,
  error: unknown,
): ArtifactDownloads {
  const message = error instanceof Error ? error.message : String(error);
  return {
    dir,
    step: undefined,
    files: new Map(),
    missing: [...paths],
    warnings: [`The artifacts of run ${run.id} could not be downloaded: ${message}`],
    error: message,
  };
}
