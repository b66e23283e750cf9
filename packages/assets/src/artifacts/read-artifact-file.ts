import { readFile, stat } from "node:fs/promises";
import type { DbtCatalog } from "./catalog-types.js";
import type { DbtManifest } from "./manifest-types.js";
import { type DbtArtifact, parseDbtArtifact } from "./parse-artifact.js";
import { parseCatalog } from "./parse-catalog.js";
import { parseManifest } from "./parse-manifest.js";
import { parseRunResults } from "./parse-run-results.js";
import { parseSourcesJson } from "./parse-sources.js";
import { byteLimit, type ReadArtifactOptions } from "./read-envelope.js";
import type { DbtRunResults } from "./run-results-types.js";
import type { DbtArtifactKind } from "./schema-version.js";
import type { DbtSources } from "./sources-types.js";
import { DbtArtifactTooLargeError, isStringTooLong } from "./too-large.js";

type FileOptions = Omit<ReadArtifactOptions, "fileName">;

/**
 * Reads the file as text and parses it. A file larger than `maxBytes` (default: the longest string Node.js
 * can hold) is refused from its size before anything is read, naming the file and its size.
 */
async function read<T>(
  path: string,
  kind: DbtArtifactKind | undefined,
  options: FileOptions,
  parse: (text: string, o: ReadArtifactOptions) => T,
): Promise<T> {
  const limitBytes = byteLimit(options);
  const tooLarge = (sizeBytes: number, cause?: unknown) =>
    new DbtArtifactTooLargeError({
      fileName: path,
      expectedKind: kind ?? "manifest",
      sizeBytes,
      limitBytes,
      ...(cause === undefined ? {} : { cause }),
    });
  const { size } = await stat(path);
  if (size > limitBytes) throw tooLarge(size);
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (cause) {
    if (isStringTooLong(cause)) throw tooLarge(size, cause);
    throw cause;
  }
  return parse(text, { ...options, fileName: path });
}

/** Reads and checks a `manifest.json` file; errors name the path. */
export function readManifestFile(path: string, options: FileOptions = {}): Promise<DbtManifest> {
  return read(path, "manifest", options, parseManifest);
}

/** Reads and checks a `run_results.json` file; errors name the path. */
export function readRunResultsFile(path: string, options: FileOptions = {}): Promise<DbtRunResults> {
  return read(path, "run-results", options, parseRunResults);
}

/** Reads and checks a `catalog.json` file; errors name the path. */
export function readCatalogFile(path: string, options: FileOptions = {}): Promise<DbtCatalog> {
  return read(path, "catalog", options, parseCatalog);
}

/** Reads and checks a source freshness `sources.json` file; errors name the path. */
export function readSourcesFile(path: string, options: FileOptions = {}): Promise<DbtSources> {
  return read(path, "sources", options, parseSourcesJson);
}

/** Reads any dbt artifact file, telling its kind from `metadata.dbt_schema_version`. */
export function readDbtArtifactFile(path: string, options: FileOptions = {}): Promise<DbtArtifact> {
  return read(path, undefined, options, parseDbtArtifact);
}
