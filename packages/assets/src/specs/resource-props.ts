import { ownValue } from "../records/own-value.js";

/** JSON as it appears in metadata: what spec and event metadata values may hold. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** One column of a dbt node, read leniently (every manifest version spells a few of these differently). */
export interface DbtColumnProps {
  name?: string;
  description?: string | null;
  data_type?: string | null;
  tags?: readonly string[];
  [key: string]: unknown;
}

/**
 * The fields of a dbt manifest entry (node, source, exposure, …) that specs, translator and events
 * read. Read leniently: every field but `unique_id` may be missing in some manifest version, and
 * unknown fields are kept.
 */
export interface DbtResourceProps {
  unique_id: string;
  name?: string;
  resource_type?: string;
  package_name?: string;
  path?: string;
  original_file_path?: string;
  fqn?: readonly string[];
  alias?: string | null;
  database?: string | null;
  schema?: string | null;
  identifier?: string | null;
  source_name?: string;
  version?: string | number | null;
  description?: string | null;
  raw_code?: string | null;
  raw_sql?: string | null;
  relation_name?: string | null;
  checksum?: { name?: string; checksum?: string } | string | null;
  config?: {
    enabled?: boolean;
    materialized?: string;
    schema?: string | null;
    group?: string | null;
    severity?: string;
    tags?: readonly string[] | string;
    meta?: Record<string, unknown> | null;
    [key: string]: unknown;
  } | null;
  meta?: Record<string, unknown> | null;
  tags?: readonly string[];
  group?: string | null;
  columns?: Record<string, DbtColumnProps> | null;
  depends_on?: { nodes?: readonly string[]; macros?: readonly string[] } | null;
  attached_node?: string | null;
  file_key_name?: string | null;
  test_metadata?: { name?: string; kwargs?: Record<string, unknown> } | null;
  [key: string]: unknown;
}

/** A dbt group (`manifest.groups`), for the owner e-mail. */
export interface DbtGroupProps {
  name?: string;
  package_name?: string;
  owner?: { email?: string | readonly string[] | null; name?: string | null; [key: string]: unknown } | null;
  [key: string]: unknown;
}

/**
 * The parts of a parsed `manifest.json` this package reads. Structural on purpose: the typed
 * `DbtManifest` from the artifact readers satisfies it, and so does a raw `JSON.parse` result.
 */
export interface ManifestLike {
  metadata?: { adapter_type?: string | null; project_name?: string | null; [key: string]: unknown } | null;
  nodes?: Record<string, DbtResourceProps> | null;
  sources?: Record<string, DbtResourceProps> | null;
  exposures?: Record<string, DbtResourceProps> | null;
  metrics?: Record<string, DbtResourceProps> | null;
  semantic_models?: Record<string, DbtResourceProps> | null;
  saved_queries?: Record<string, DbtResourceProps> | null;
  unit_tests?: Record<string, DbtResourceProps> | null;
  groups?: Record<string, DbtGroupProps> | null;
  child_map?: Record<string, readonly string[]> | null;
  parent_map?: Record<string, readonly string[]> | null;
  [key: string]: unknown;
}

/** Where a unique id lives in the manifest. */
const RESOURCE_COLLECTIONS = [
  "nodes",
  "sources",
  "exposures",
  "metrics",
  "semantic_models",
  "saved_queries",
  "unit_tests",
] as const;

/** Looks a unique id up in every collection of the manifest (nodes first, as dbt does). */
export function findResource(manifest: ManifestLike, uniqueId: string): DbtResourceProps | undefined {
  for (const collection of RESOURCE_COLLECTIONS) {
    const found = ownValue(manifest[collection], uniqueId);
    if (found) return found;
  }
  return undefined;
}

/** The resource type of a node: its `resource_type`, else the one its unique id starts with. */
export function resourceTypeOf(props: DbtResourceProps): string {
  return props.resource_type ?? resourceTypeOfId(props.unique_id);
}

/** `model.pkg.name` -> `model`; an id without a dot (not a dbt unique id) -> `unknown`. */
export function resourceTypeOfId(uniqueId: string): string {
  const dot = uniqueId.indexOf(".");
  return dot < 0 ? "unknown" : uniqueId.slice(0, dot);
}

/** `config.meta` wins over the top-level `meta` (dbt >= 1.10 moved meta into config). */
function metaOf(props: DbtResourceProps): Record<string, unknown> {
  const configMeta = props.config?.meta;
  if (configMeta && hasKeys(configMeta)) return configMeta;
  return props.meta ?? EMPTY;
}

/** The `meta.dagster` block (kept for parity with dagster-dbt projects), or an empty object. */
export function dagsterMetaOf(props: DbtResourceProps): Record<string, unknown> {
  const dagster = ownValue(metaOf(props), "dagster");
  return isRecord(dagster) ? dagster : EMPTY;
}

const EMPTY: Record<string, unknown> = Object.freeze({});

/** Whether an object has an own key, without allocating a key array (hot path). */
function hasKeys(value: object): boolean {
  for (const key in value) if (Object.hasOwn(value, key)) return true;
  return false;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Types that become assets you can materialize. */
export const REFABLE_RESOURCE_TYPES: ReadonlySet<string> = new Set(["model", "seed", "snapshot"]);

/** A model that dbt inlines into its children: never an asset, traversed to its real parents. */
export function isEphemeral(props: DbtResourceProps): boolean {
  return props.config?.materialized === "ephemeral";
}

/** A model, seed or snapshot that dbt writes to the warehouse. */
export function isAssetNode(props: DbtResourceProps): boolean {
  return REFABLE_RESOURCE_TYPES.has(resourceTypeOf(props)) && !isEphemeral(props);
}
