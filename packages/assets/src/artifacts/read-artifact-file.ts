import { readFile } from "node:fs/promises";
import type { DbtCatalog } from "./catalog-types.js";
import type { DbtManifest } from "./manifest-types.js";
import { type DbtArtifact, parseDbtArtifact } from "./parse-artifact.js";
import { parseCatalog } from "./parse-catalog.js";
import { parseManifest } from "./parse-manifest.js";
import { parseRunResults } from "./parse-run-results.js";
import { parseSourcesJson } from "./parse-sources.js";
import type { ReadArtifactOptions } from "./read-envelope.js";
import type { DbtRunResults } from "./run-results-types.js";
import type { DbtSources } from "./sources-types.js";

type FileOptions = Omit<ReadArtifactOptions, "fileName">;

async function read<T>(
  path: string,
  options: FileOptions,
  parse: (text: string, o: ReadArtifactOptions) => T,
): Promise<T> {
  const text = await readFile(path, "utf8");
  return parse(text, { ...options, fileName: path });
}

/** Reads and checks a `manifest.json` file; errors name the path. */
export function readManifestFile(path: string, options: FileOptions = {}): Promise<DbtManifest> {
  return read(path, options, parseManifest);
}

/** Reads and checks a `run_results.json` file; errors name the path. */
export function readRunResultsFile(path: string, options: FileOptions = {}): Promise<DbtRunResults> {
  return read(path, options, parseRunResults);
}

/** Reads and checks a `catalog.json` file; errors name the path. */
export function readCatalogFile(path: string, options: FileOptions = {}): Promise<DbtCatalog> {
  return read(path, options, parseCatalog);
}

/** Reads and checks a source freshness `sources.json` file; errors name the path. */
export function readSourcesFile(path: string, options: FileOptions = {}): Promise<DbtSources> {
  return read(path, options, parseSourcesJson);
}

/** Reads any dbt artifact file, telling its kind from `metadata.dbt_schema_version`. */
export function readDbtArtifactFile(path: string, options: FileOptions = {}): Promise<DbtArtifact> {
  return read(path, options, parseDbtArtifact);
}
