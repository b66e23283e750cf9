export type DbtArtifactKind = "manifest" | "run-results" | "catalog" | "sources";

export interface DbtSchemaRange {
  min: number;
  max: number;
}

/**
 * Schema versions each reader accepts. Manifest v6 (dbt 1.2) is accepted too: its node layout is the
 * one v7 kept (only `raw_sql` became `raw_code`), and real projects still carry such manifests.
 */
export const SUPPORTED_SCHEMA_VERSIONS: Readonly<Record<DbtArtifactKind, DbtSchemaRange>> = {
  manifest: { min: 6, max: 12 },
  "run-results": { min: 4, max: 6 },
  catalog: { min: 1, max: 1 },
  sources: { min: 1, max: 3 },
};

export interface DbtArtifactInfo {
  kind: DbtArtifactKind;
  /** Schema version number, e.g. 12 for `manifest/v12.json`. */
  version: number;
  /** The raw `metadata.dbt_schema_version`. */
  schemaVersion: string;
  /** `metadata.dbt_version`, e.g. `1.9.4` or `2.0.0-beta.2`. */
  dbtVersion: string | undefined;
  /** True when the artifact was written by dbt Fusion (dbt 2.x), which reuses dbt-core's schema URLs. */
  fusion: boolean;
}

const SCHEMA_URL = /\/dbt\/(manifest|run-results|catalog|sources)\/v(\d+)\.json$/;

/** Parses a `dbt_schema_version` URL; `undefined` when it is not one. */
export function parseSchemaVersion(
  schemaVersion: string,
): { kind: DbtArtifactKind; version: number } | undefined {
  const match = SCHEMA_URL.exec(schemaVersion);
  if (!match) return undefined;
  return { kind: match[1] as DbtArtifactKind, version: Number(match[2]) };
}

export function describeSupported(kind: DbtArtifactKind): string {
  const { min, max } = SUPPORTED_SCHEMA_VERSIONS[kind];
  const range = min === max ? `${kind} v${min}` : `${kind} v${min}–v${max}`;
  return kind === "manifest" || kind === "run-results" ? `${range} (dbt-core) and dbt Fusion 2.x` : range;
}

export function isFusionVersion(dbtVersion: string | undefined): boolean {
  return dbtVersion !== undefined && /^2\.\d/.test(dbtVersion);
}
