import { readFileSync } from "node:fs";
import type { DbtManifest, DbtRunResults } from "../../src/index.js";
import { parseManifest, parseRunResults } from "../../src/index.js";
import { artifactPath, DBT_ARTIFACTS_DIR } from "../artifacts/fixture-paths.js";

/** The shared real dbt artifacts, read in place (never copied into the repo); resolved by fixture-paths.ts. */
export const ARTIFACTS_DIR = DBT_ARTIFACTS_DIR;

const manifests = new Map<string, DbtManifest>();

/** Parsed once per file and shared by tests that only read it; use `freshManifest` to mutate. */
export function loadManifest(relativePath: string): DbtManifest {
  let manifest = manifests.get(relativePath);
  if (!manifest) {
    manifest = freshManifest(relativePath);
    manifests.set(relativePath, manifest);
  }
  return manifest;
}

export function freshManifest(relativePath: string): DbtManifest {
  return parseManifest(readFileSync(artifactPath(relativePath), "utf8"), { fileName: relativePath });
}

export function loadRunResults(relativePath: string): DbtRunResults {
  return parseRunResults(readFileSync(artifactPath(relativePath), "utf8"), { fileName: relativePath });
}

/** Every unique id of the manifest (all collections): "select everything". */
export function allIds(manifest: DbtManifest): Set<string> {
  const ids = new Set<string>();
  for (const collection of [
    manifest.nodes,
    manifest.sources,
    manifest.exposures,
    manifest.metrics,
    manifest.semantic_models,
    manifest.saved_queries,
    manifest.unit_tests,
  ]) {
    for (const id of Object.keys(collection ?? {})) ids.add(id);
  }
  return ids;
}
