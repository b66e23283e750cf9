import type { DbtCatalog } from "./catalog-types.js";
import { DbtArtifactError } from "./errors.js";
import type { DbtManifest } from "./manifest-types.js";
import { parseCatalog } from "./parse-catalog.js";
import { parseManifest } from "./parse-manifest.js";
import { parseRunResults } from "./parse-run-results.js";
import { parseSourcesJson } from "./parse-sources.js";
import { type DbtArtifactInput, isObject, type ReadArtifactOptions, toJson } from "./read-envelope.js";
import type { DbtRunResults } from "./run-results-types.js";
import {
  type DbtArtifactInfo,
  describeSupported,
  isFusionVersion,
  parseSchemaVersion,
} from "./schema-version.js";
import type { DbtSources } from "./sources-types.js";

export type DbtArtifact =
  | { kind: "manifest"; artifact: DbtManifest; info: DbtArtifactInfo }
  | { kind: "run-results"; artifact: DbtRunResults; info: DbtArtifactInfo }
  | { kind: "catalog"; artifact: DbtCatalog; info: DbtArtifactInfo }
  | { kind: "sources"; artifact: DbtSources; info: DbtArtifactInfo };

const ALL_SUPPORTED = (["manifest", "run-results", "catalog", "sources"] as const)
  .map(describeSupported)
  .join("; ");

/** Reads any dbt artifact, telling its kind from `metadata.dbt_schema_version`. */
export function parseDbtArtifact(input: DbtArtifactInput, options: ReadArtifactOptions = {}): DbtArtifact {
  const json = toJson(input, undefined, options.fileName, options);
  const schemaVersion =
    isObject(json) && isObject(json.metadata) && typeof json.metadata.dbt_schema_version === "string"
      ? json.metadata.dbt_schema_version
      : undefined;
  const parsed = schemaVersion === undefined ? undefined : parseSchemaVersion(schemaVersion);
  if (parsed === undefined) {
    const name = options.fileName === undefined ? "the input" : `"${options.fileName}"`;
    const found =
      schemaVersion === undefined
        ? "has no metadata.dbt_schema_version"
        : `has dbt_schema_version "${schemaVersion}"`;
    throw new DbtArtifactError(`${name} is not a dbt artifact: it ${found}; supported: ${ALL_SUPPORTED}.`, {
      fileName: options.fileName,
      expectedKind: "manifest",
      schemaVersion,
      supported: ALL_SUPPORTED,
    });
  }
  switch (parsed.kind) {
    case "manifest": {
      const artifact = parseManifest(json as object, options);
      return { kind: "manifest", artifact, info: getDbtArtifactInfo(artifact) };
    }
    case "run-results": {
      const artifact = parseRunResults(json as object, options);
      return { kind: "run-results", artifact, info: getDbtArtifactInfo(artifact) };
    }
    case "catalog": {
      const artifact = parseCatalog(json as object, options);
      return { kind: "catalog", artifact, info: getDbtArtifactInfo(artifact) };
    }
    case "sources": {
      const artifact = parseSourcesJson(json as object, options);
      return { kind: "sources", artifact, info: getDbtArtifactInfo(artifact) };
    }
  }
}

/** Kind, schema version, dbt version and Fusion flag of an artifact that was read already. */
export function getDbtArtifactInfo(artifact: {
  metadata: { dbt_schema_version: string; dbt_version?: string | undefined };
}): DbtArtifactInfo {
  const { dbt_schema_version: schemaVersion, dbt_version: dbtVersion } = artifact.metadata;
  const parsed = parseSchemaVersion(schemaVersion);
  if (parsed === undefined) {
    throw new DbtArtifactError(
      `dbt_schema_version "${schemaVersion}" is not a dbt artifact schema; supported: ${ALL_SUPPORTED}.`,
      { expectedKind: "manifest", schemaVersion, supported: ALL_SUPPORTED },
    );
  }
  return {
    kind: parsed.kind,
    version: parsed.version,
    schemaVersion,
    dbtVersion,
    fusion: isFusionVersion(dbtVersion),
  };
}
