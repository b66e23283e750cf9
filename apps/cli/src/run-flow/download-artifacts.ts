import { mkdir } from "node:fs/promises";
import { dirname, join, resolve, sep } from "node:path";
import type { DbtCloudClient, DbtCloudRun } from "@dbt-cloud-kit/client";
import { chooseArtifactStep, DbtCloudNotFoundError, stepDbtCommand } from "@dbt-cloud-kit/client";
import { errorText } from "./flow-log.js";

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
 * Downloads the requested artifacts of the chosen step into `dir`, as the action does: the step is the
 * last dbt step that wrote run_results.json unless one is given; catalog.json / sources.json come from
 * their own steps; a 404 is a warning (dbt Cloud produces none for cancelled runs or failures before dbt).
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
  const listed = await client.listRunArtifacts(run.id, { signal });
  if (listed.length === 0) {
    result.missing.push(...paths);
    result.warnings.push(`Run ${run.id} saved no artifacts, so ${paths.join(", ")} could not be downloaded.`);
    return result;
  }
  const root = resolve(dir);
  for (const path of paths) {
    const target = resolve(root, path);
    if (target !== root && !target.startsWith(root + sep)) {
      result.warnings.push(`Skipped artifact ${path}: it would be written outside ${dir}.`);
      continue;
    }
    const step = stepInput === "auto" ? (producerStep(run, path) ?? mainStep) : stepInput;
    try {
      await mkdir(dirname(target), { recursive: true });
      await client.downloadRunArtifact(run.id, path, {
        ...(step !== undefined ? { step } : {}),
        toFile: target,
        signal,
      });
      result.files.set(path, join(dir, path));
    } catch (error) {
      if (signal.aborted) throw error;
      result.missing.push(path);
      if (!(error instanceof DbtCloudNotFoundError)) {
        result.error = errorText(error);
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
  const message = errorText(error);
  return {
    dir,
    step: undefined,
    files: new Map(),
    missing: [...paths],
    warnings: [`The artifacts of run ${run.id} could not be downloaded: ${message}`],
    error: message,
  };
}
