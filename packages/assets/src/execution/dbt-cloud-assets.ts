import {
  DbtCloudNotFoundError,
  type DbtCloudRun,
  type DbtCloudWorkspace,
  formatRunLogs,
  type Logger,
  RunStatus,
  type TriggerRunOptions,
} from "@dbt-cloud-kit/client";
import type { DbtIndirectSelection, DbtManifest } from "../artifacts/manifest-types.js";
import { parseRunResults } from "../artifacts/parse-run-results.js";
import type { DbtRunResults } from "../artifacts/run-results-types.js";
import { DbtCloudRunError } from "../errors/dbt-cloud-run-error.js";
import { eventsFromRunResults } from "../events/events-from-run-results.js";
import type { DbtEvent } from "../events/types.js";
import { assetKeyToString, checkKeyToString } from "../specs/asset-key.js";
import type { DbtExternalResourceType } from "../specs/build-specs-from-selection.js";
import type { DbtAssetSpec, DbtCheckSpec } from "../specs/types.js";
import type { DbtCloudTranslator } from "../translator/dbt-cloud-translator.js";
import { type DbtCloudSpecs, loadDbtCloudAssetSpecs } from "./load-dbt-cloud-asset-specs.js";
import { type ExecutionSubset, resolveSubset, selectionArgs } from "./selection-args.js";
import { DbtCommandError, dbtCommandFromArgv } from "./shell-quote.js";

export interface DbtCloudAssetsOptions {
  workspace: DbtCloudWorkspace;
  /** dbt `--select` syntax (default `fqn:*`). */
  select?: string;
  /** dbt `--exclude` syntax. */
  exclude?: string;
  /** A YAML selector from the manifest; not combinable with `select` / `exclude`. */
  selector?: string;
  /** `--indirect-selection` for full runs (default: dbt's own, eager). */
  indirectSelection?: DbtIndirectSelection;
  translator?: DbtCloudTranslator;
  externalResourceTypes?: readonly DbtExternalResourceType[];
  signal?: AbortSignal;
  logger?: Logger;
  gitSha?: string;
}

export interface ExecuteOptions {
  /** Run only these assets and checks (default: the whole definition). */
  subset?: ExecutionSubset;
  /**
   * The dbt command as argv, without `dbt` and without selection flags (default `["build"]`), e.g.
   * `["build", "--vars", '{"day": "2024-01-15"}', "--full-refresh"]`. Each token is quoted on its own.
   */
  args?: readonly string[];
  signal?: AbortSignal;
  logger?: Logger;
  /** Trigger cause shown in dbt Cloud. */
  cause?: string;
  /** Other trigger overrides (git sha / branch, schema, threads, target name, …). */
  overrides?: Omit<TriggerRunOptions, "cause" | "stepsOverride">;
  /** Give up waiting after this long (the run is cancelled). Default: no limit. */
  timeoutMs?: number;
  /** Called once the run exists, before waiting: persist the id so it is never lost. */
  onRunStarted?: (run: DbtCloudRun) => void | Promise<void>;
}

/** What `dbtCloudAssets` returns: the specs of a selection, and a way to run (part of) it. */
export interface DbtCloudAssetsDefinition {
  assetSpecs: DbtAssetSpec[];
  checkSpecs: DbtCheckSpec[];
  specs: DbtCloudSpecs;
  manifest: DbtManifest;
  select: string;
  exclude: string;
  selector: string;
  /**
   * Runs `dbt <args> <selection>` on the workspace's ad hoc job, waits, logs the step logs once,
   * yields events from run_results (also when the run failed, so partial successes are reported),
   * then throws `DbtCloudRunError` if the run ended in error or was cancelled.
   */
  execute(options?: ExecuteOptions): AsyncGenerator<DbtEvent, DbtCloudRun, undefined>;
}

const SELECTION_FLAGS = new Set([
  "--select",
  "-s",
  "--models",
  "-m",
  "--exclude",
  "--selector",
  "--indirect-selection",
]);

/**
 * The dbt-cloud-kit equivalent of dagster-dbt's `@dbt_cloud_assets`: specs for a selection of the
 * workspace's dbt project, and `execute` to run all or a subset of them in dbt Cloud.
 */
export async function dbtCloudAssets(options: DbtCloudAssetsOptions): Promise<DbtCloudAssetsDefinition> {
  const { workspace } = options;
  const loadOptions: Parameters<typeof loadDbtCloudAssetSpecs>[1] = {};
  if (options.select !== undefined) loadOptions.select = options.select;
  if (options.exclude !== undefined) loadOptions.exclude = options.exclude;
  if (options.selector !== undefined) loadOptions.selector = options.selector;
  if (options.indirectSelection !== undefined) loadOptions.indirectSelection = options.indirectSelection;
  if (options.translator !== undefined) loadOptions.translator = options.translator;
  if (options.externalResourceTypes !== undefined)
    loadOptions.externalResourceTypes = options.externalResourceTypes;
  if (options.signal !== undefined) loadOptions.signal = options.signal;
  if (options.logger !== undefined) loadOptions.logger = options.logger;
  if (options.gitSha !== undefined) loadOptions.gitSha = options.gitSha;
  const specs = await loadDbtCloudAssetSpecs(workspace, loadOptions);
  const definition = {
    select: options.select?.trim() || (options.selector ? "" : "fqn:*"),
    exclude: options.exclude?.trim() ?? "",
    selector: options.selector?.trim() ?? "",
    ...(options.indirectSelection ? { indirectSelection: options.indirectSelection } : {}),
  };

  async function* execute(run: ExecuteOptions = {}): AsyncGenerator<DbtEvent, DbtCloudRun, undefined> {
    const logger = run.logger ?? options.logger ?? workspace.logger;
    const args = [...(run.args ?? ["build"])];
    for (const token of args) {
      const flag = token.split("=", 1)[0] ?? token;
      if (SELECTION_FLAGS.has(flag)) {
        throw new DbtCommandError(
          `args: "${flag}" is set by the definition (select / exclude / selector) or by subset; remove it from args ` +
            "and pass a subset to run fewer assets.",
        );
      }
    }
    const subset = resolveSubset(specs, run.subset);
    const command = dbtCommandFromArgv([...args, ...selectionArgs(specs.manifest, definition, subset)]);
    logger.info(`Running in dbt Cloud: ${command}`);

    const completed = await workspace.runCommands([command], {
      signal: run.signal,
      logger,
      cause: run.cause,
      overrides: run.overrides,
      timeoutMs: run.timeoutMs,
      onTriggered: async (triggered) => {
        logger.info(`dbt Cloud run ${triggered.id} started${triggered.href ? `: ${triggered.href}` : ""}`);
        await run.onRunStarted?.(triggered);
      },
    });
    const finished = completed.run;
    const logs = formatRunLogs(finished);
    if (logs) logger.info(logs);

    const runFailed = finished.status === RunStatus.Error || finished.status === RunStatus.Cancelled;
    let fetchError: unknown;
    let runResults: DbtRunResults | undefined;
    try {
      runResults = await fetchRunResults(workspace, finished, run.signal, logger);
    } catch (error) {
      // A failed run is the news; a broken artifact download must not hide it.
      if (!runFailed) throw error;
      fetchError = error;
      logger.warn(
        `Could not read run_results.json of failed run ${finished.id}: ${(error as Error).message}`,
      );
    }
    const failed: string[] = [];
    if (runResults) {
      const events = eventsFromRunResults(runResults, specs.manifest, {
        specs,
        logger,
        ...(finished.href ? { runUrl: finished.href } : {}),
      });
      for (const event of events) {
        const chosen =
          event.type === "check_result" || event.type === "check_skipped"
            ? subset.checkKeys.has(checkKeyToString(event.assetKey, event.checkName))
            : subset.assetKeys.has(assetKeyToString(event.assetKey));
        if (!chosen) continue;
        if (
          event.type === "asset_failure" ||
          (event.type === "check_result" && !event.passed && event.severity === "error")
        ) {
          failed.push(event.uniqueId);
        }
        yield event;
      }
    }

    if (runFailed)
      throw new DbtCloudRunError(finished, failed, fetchError ? { cause: fetchError } : undefined);
    return finished;
  }

  return {
    assetSpecs: specs.assetSpecs,
    checkSpecs: specs.checkSpecs,
    specs,
    manifest: specs.manifest,
    select: definition.select,
    exclude: definition.exclude,
    selector: definition.selector,
    execute,
  };
}

/** run_results.json of the run's last dbt step; absent (a warning) when dbt wrote none. */
async function fetchRunResults(
  workspace: DbtCloudWorkspace,
  run: DbtCloudRun,
  signal: AbortSignal | undefined,
  logger: Logger,
): Promise<DbtRunResults | undefined> {
  try {
    const raw = await workspace.client.getRunArtifact(run.id, "run_results.json", { signal });
    return parseRunResults(raw as object, { fileName: `run_results.json of dbt Cloud run ${run.id}` });
  } catch (error) {
    if (error instanceof DbtCloudNotFoundError) {
      logger.warn(
        `dbt Cloud run ${run.id} has no run_results.json (dbt failed before running nodes?); no events.`,
      );
      return undefined;
    }
    throw error;
  }
}
