import {
  DbtArtifactError,
  type DbtArtifactInput,
  type DbtCloudTranslator,
  type DbtManifest,
  eventsFromRunResults,
  parseManifest,
  parseRunResults,
} from "@dbt-cloud-kit/assets";
import {
  chooseArtifactStep,
  type DbtCloudClient,
  DbtCloudNotFoundError,
  type DbtCloudRun,
  type Logger,
  runStatusName,
} from "@dbt-cloud-kit/client";
import { DbtCloudSensorRunError } from "./errors.js";
import type { ManifestCache } from "./manifest-cache.js";
import type { RunCandidate } from "./run-scope.js";
import { sortTopologically } from "./topological-order.js";
import type { SensorEvent, SensorRun } from "./types.js";
import { logText } from "./webhooks/log-text.js";

export interface RunReport {
  run: SensorRun;
  events: SensorEvent[];
}

export interface RunReaderDeps {
  client: DbtCloudClient;
  translator: DbtCloudTranslator | undefined;
  manifests: ManifestCache;
  logger: Logger;
}

function isAbort(error: unknown, signal: AbortSignal | undefined): boolean {
  return signal?.aborted === true || (error as { name?: string })?.name === "AbortError";
}

/**
 * Reads one finished run: at most three requests — the run with its steps (to pick the dbt step whose
 * artifacts describe the run, never `docs generate`), its `run_results.json`, and its `manifest.json`
 * unless one of the same job and git sha is cached. A run without artifacts gives no events.
 */
export async function readRun(
  deps: RunReaderDeps,
  candidate: RunCandidate,
  signal: AbortSignal | undefined,
  detail?: DbtCloudRun,
): Promise<RunReport> {
  const { client, logger } = deps;
  const runId = candidate.id;
  const report = (hasArtifacts: boolean, url = candidate.url): SensorRun => ({
    runId,
    jobId: candidate.jobId,
    status: candidate.status,
    statusName: runStatusName(candidate.status),
    url,
    finishedAt: candidate.finishedAtText,
    hasArtifacts,
  });
  try {
    let run = detail;
    if (!run?.run_steps) {
      try {
        run = await client.getRun(runId, { includeRelated: ["run_steps"], signal });
      } catch (error) {
        if (!(error instanceof DbtCloudNotFoundError)) throw error;
        logger.warn(`dbt Cloud run ${runId} was listed but is gone now; reported without events.`);
        return { run: report(false), events: [] };
      }
    }
    const url = run.href ?? candidate.url;
    const steps = run.run_steps ?? [];
    const step = chooseArtifactStep(run);
    if (step === undefined && steps.length > 0) {
      logger.debug(`dbt Cloud run ${runId} ran no dbt command that writes run_results.json.`);
      return { run: report(false, url), events: [] };
    }
    let rawResults: unknown;
    try {
      rawResults = await client.getRunArtifact(runId, "run_results.json", { step, signal });
    } catch (error) {
      if (!(error instanceof DbtCloudNotFoundError)) throw error;
      logger.debug(`dbt Cloud run ${runId} has no run_results.json.`);
      return { run: report(false, url), events: [] };
    }
    let events: SensorEvent[] = [];
    try {
      const runResults = parseRunResults(rawResults as DbtArtifactInput, {
        fileName: `run ${runId} run_results.json`,
      });
      const manifest = await deps.manifests.get(candidate.jobId, candidate.gitSha, () =>
        fetchManifest(deps, runId, step, signal),
      );
      if (manifest) {
        const dbtEvents = eventsFromRunResults(runResults, manifest, {
          ...(deps.translator ? { translator: deps.translator } : {}),
          ...(url ? { runUrl: url } : {}),
          logger,
          now: () => new Date(client.clock.now()),
        });
        events = sortTopologically(dbtEvents, manifest).map((event) => ({ ...event, runId }));
      }
    } catch (error) {
      if (!(error instanceof DbtArtifactError)) throw error;
      logger.warn(`dbt Cloud run ${runId}: ${logText(error.message, 2_000)} Reported without events.`);
    }
    return { run: report(true, url), events };
  } catch (error) {
    if (isAbort(error, signal)) throw error;
    throw new DbtCloudSensorRunError(
      runId,
      `Could not read finished dbt Cloud run ${runId}: ${(error as Error)?.message ?? String(error)}`,
      error,
    );
  }
}

async function fetchManifest(
  deps: RunReaderDeps,
  runId: number,
  step: number | undefined,
  signal: AbortSignal | undefined,
): Promise<DbtManifest | undefined> {
  try {
    const raw = await deps.client.getRunArtifact(runId, "manifest.json", { step, signal });
    return parseManifest(raw as DbtArtifactInput, { fileName: `run ${runId} manifest.json` });
  } catch (error) {
    if (!(error instanceof DbtCloudNotFoundError)) throw error;
    deps.logger.warn(
      `dbt Cloud run ${runId} has run_results.json but no manifest.json; reported without events.`,
    );
    return undefined;
  }
}
