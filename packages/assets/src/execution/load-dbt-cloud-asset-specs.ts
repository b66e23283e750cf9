import type { DbtCloudWorkspace, Logger } from "@dbt-cloud-kit/client";
import type { DbtManifest } from "../artifacts/manifest-types.js";
import { parseManifest } from "../artifacts/parse-manifest.js";
import { type BuildDbtSpecsOptions, buildDbtSpecs } from "../specs/build-dbt-specs.js";
import type { DbtAssetSpec, DbtSpecs } from "../specs/types.js";

export interface LoadDbtCloudAssetSpecsOptions extends Omit<BuildDbtSpecsOptions, "logger"> {
  signal?: AbortSignal;
  logger?: Logger;
  /** Parse this commit instead of the environment's branch head (also the cache key). */
  gitSha?: string;
  /** Run `dbt parse` again even when a cached manifest exists. */
  refresh?: boolean;
}

/** Specs of a dbt Cloud workspace, with the manifest they were built from. */
export interface DbtCloudSpecs extends DbtSpecs {
  manifest: DbtManifest;
  /** The `dbt parse` run that produced the manifest (undefined when it came from the disk cache). */
  parseRunId: number | undefined;
}

/**
 * Fetches the workspace's manifest (a `dbt parse` run on its ad hoc job, cached by the workspace)
 * and builds the asset graph from it. Every spec's metadata carries the dbt Cloud account, project
 * and environment ids.
 */
export async function loadDbtCloudAssetSpecs(
  workspace: DbtCloudWorkspace,
  options: LoadDbtCloudAssetSpecsOptions = {},
): Promise<DbtCloudSpecs> {
  const logger = options.logger ?? workspace.logger;
  const data = await workspace.fetchWorkspaceData({
    signal: options.signal,
    logger,
    gitSha: options.gitSha,
    refresh: options.refresh,
  });
  const manifest = parseManifest(data.manifest, {
    fileName: `manifest.json of dbt Cloud project ${workspace.projectId}, environment ${workspace.environmentId}`,
  });
  const { signal: _signal, gitSha: _gitSha, refresh: _refresh, ...buildOptions } = options;
  const specs = buildDbtSpecs(manifest, { ...buildOptions, logger });
  const ids = {
    "dbt_cloud/account_id": workspace.credentials.accountId,
    "dbt_cloud/project_id": workspace.projectId,
    "dbt_cloud/environment_id": workspace.environmentId,
  };
  const tag = (spec: DbtAssetSpec) => Object.assign(spec.metadata, ids);
  specs.assetSpecs.forEach(tag);
  specs.externalSpecs.forEach(tag);
  return { ...specs, manifest, parseRunId: data.runId };
}
