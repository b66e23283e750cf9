/**
 * The pieces of a dbt 1.9 manifest (v12) both project generators are built from, so every generated
 * node, source, exposure and the document around them have one shape: the shape dbt writes.
 */

/** A node-like manifest entry (node, source, exposure, unit test). */
export interface ManifestEntry {
  unique_id: string;
  name: string;
  resource_type: string;
  depends_on?: { nodes?: string[]; macros?: string[] };
  [key: string]: unknown;
}

/** A generated manifest: the sections dbt writes, keyed by unique id. */
export interface GeneratedManifest {
  metadata: Record<string, unknown> & { dbt_schema_version: string; project_name: string };
  nodes: Record<string, ManifestEntry>;
  sources: Record<string, ManifestEntry>;
  macros: Record<string, Record<string, unknown>>;
  exposures: Record<string, ManifestEntry>;
  unit_tests: Record<string, ManifestEntry>;
  parent_map: Record<string, string[]>;
  child_map: Record<string, string[]>;
  [section: string]: unknown;
}

/** A model / seed / snapshot / test `config` with dbt's defaults; `extra` overrides or adds keys. */
export function nodeConfig(
  materialized: string,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    enabled: true,
    alias: null,
    schema: null,
    database: null,
    tags: [],
    meta: {},
    group: null,
    materialized,
    incremental_strategy: null,
    persist_docs: {},
    "post-hook": [],
    "pre-hook": [],
    quoting: {},
    column_types: {},
    full_refresh: null,
    unique_key: null,
    on_schema_change: "ignore",
    on_configuration_change: "apply",
    grants: {},
    packages: [],
    docs: { show: true, node_color: null },
    contract: { enforced: false, alias_types: true },
    ...extra,
  };
}

/** Column entries by name; `describe` gives each one's description and data type, `extra` is added to all. */
export function columnEntries(
  names: readonly string[],
  describe: (name: string, index: number) => { description: string; dataType: string | null } = () => ({
    description: "",
    dataType: null,
  }),
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  const columns: Record<string, unknown> = {};
  names.forEach((name, index) => {
    const { description, dataType } = describe(name, index);
    columns[name] = {
      name,
      description,
      meta: {},
      data_type: dataType,
      constraints: [],
      quote: null,
      tags: [],
      granularity: null,
      ...extra,
    };
  });
  return columns;
}

/** What every node (model, seed, snapshot, test, analysis) starts from. */
export interface CommonNodeSpec {
  resourceType: string;
  name: string;
  packageName: string;
  uniqueId: string;
  /** Path inside the resource folder, as dbt's `path`. */
  path: string;
  originalFilePath: string;
  fqn: string[];
  database: string;
  schema: string;
  checksum: { name: string; checksum: string };
  createdAt: number;
}

/** The fields every node has, with empty tags, description, columns and docs; generators assign the rest. */
export function commonNode(spec: CommonNodeSpec): ManifestEntry {
  return {
    database: spec.database,
    schema: spec.schema,
    name: spec.name,
    resource_type: spec.resourceType,
    package_name: spec.packageName,
    path: spec.path,
    original_file_path: spec.originalFilePath,
    unique_id: spec.uniqueId,
    fqn: spec.fqn,
    alias: spec.name,
    checksum: spec.checksum,
    tags: [],
    description: "",
    columns: {},
    meta: {},
    group: null,
    docs: { show: true, node_color: null },
    patch_path: null,
    unrendered_config: {},
    created_at: spec.createdAt,
  };
}

/** The SQL side of a model (and of the synthetic project's other nodes): code, refs, sources, contract. */
export function sqlNodeFields(spec: {
  relationName: string | null;
  rawCode: string;
  refs: readonly string[];
  sources: readonly (readonly string[])[];
  dependsOn: { macros: string[]; nodes: string[] };
  compiledPath: string | null;
}): Record<string, unknown> {
  return {
    build_path: null,
    relation_name: spec.relationName,
    raw_code: spec.rawCode,
    language: "sql",
    refs: spec.refs.map((name) => ({ name, package: null, version: null })),
    sources: spec.sources.map((pair) => [...pair]),
    metrics: [],
    depends_on: spec.dependsOn,
    compiled_path: spec.compiledPath,
    contract: { enforced: false, alias_types: true, checksum: null },
    access: "protected",
    constraints: [],
    version: null,
    latest_version: null,
    deprecation_date: null,
  };
}

/** A source table as dbt writes it, with a 12 h / 24 h freshness policy on `_loaded_at`. */
export function sourceNode(spec: {
  uniqueId: string;
  sourceName: string;
  name: string;
  packageName: string;
  database: string;
  schema: string;
  /** The YAML file declaring it (dbt's `path` and `original_file_path`). */
  file: string;
  fqn: string[];
  sourceDescription: string;
  description: string;
  columns: Record<string, unknown>;
  tags: string[];
  relationName: string;
  createdAt: number;
}): ManifestEntry {
  return {
    database: spec.database,
    schema: spec.schema,
    name: spec.name,
    resource_type: "source",
    package_name: spec.packageName,
    path: spec.file,
    original_file_path: spec.file,
    unique_id: spec.uniqueId,
    fqn: spec.fqn,
    source_name: spec.sourceName,
    source_description: spec.sourceDescription,
    loader: "fivetran",
    identifier: spec.name,
    quoting: { database: null, schema: null, identifier: null, column: null },
    loaded_at_field: "_loaded_at",
    freshness: {
      warn_after: { count: 12, period: "hour" },
      error_after: { count: 24, period: "hour" },
      filter: null,
    },
    external: null,
    description: spec.description,
    columns: spec.columns,
    meta: {},
    source_meta: {},
    tags: spec.tags,
    config: { enabled: true, event_time: null },
    patch_path: null,
    unrendered_config: {},
    relation_name: spec.relationName,
    created_at: spec.createdAt,
  };
}

/** A dashboard exposure depending on `nodes`. */
export function exposureNode(spec: {
  uniqueId: string;
  name: string;
  packageName: string;
  path: string;
  originalFilePath: string;
  fqn: string[];
  owner: { email: string; name: string };
  description: string;
  label: string;
  tags: string[];
  url: string;
  nodes: string[];
  refs: readonly string[];
  createdAt: number;
}): ManifestEntry {
  return {
    name: spec.name,
    resource_type: "exposure",
    package_name: spec.packageName,
    path: spec.path,
    original_file_path: spec.originalFilePath,
    unique_id: spec.uniqueId,
    fqn: spec.fqn,
    type: "dashboard",
    owner: spec.owner,
    description: spec.description,
    label: spec.label,
    maturity: "high",
    meta: {},
    tags: spec.tags,
    config: { enabled: true, tags: [], meta: {} },
    unrendered_config: {},
    url: spec.url,
    depends_on: { macros: [], nodes: spec.nodes },
    refs: spec.refs.map((name) => ({ name, package: null, version: null })),
    sources: [],
    metrics: [],
    created_at: spec.createdAt,
  };
}

/**
 * `parent_map` / `child_map` as dbt writes them: every node, source, exposure and unit test has an entry,
 * lists sorted. Ids are untrusted map keys (`__proto__`, `constructor` …), so both maps are built as Maps.
 */
export function lineageMaps(groups: readonly Record<string, ManifestEntry>[]): {
  parentMap: Record<string, string[]>;
  childMap: Record<string, string[]>;
} {
  const parents = new Map<string, string[]>();
  const children = new Map<string, string[]>();
  for (const group of groups) {
    for (const id of Object.keys(group)) {
      parents.set(id, []);
      children.set(id, []);
    }
  }
  for (const group of groups) {
    for (const [id, node] of Object.entries(group)) {
      for (const parent of node.depends_on?.nodes ?? []) {
        parents.get(id)?.push(parent);
        const list = children.get(parent) ?? [];
        list.push(id);
        children.set(parent, list);
      }
    }
  }
  return { parentMap: toRecord(parents), childMap: toRecord(children) };
}

/** A Map as a JSON-ready object whose keys are data, never prototype setters (`__proto__` stays a key). */
function toRecord(map: ReadonlyMap<string, string[]>): Record<string, string[]> {
  const out: Record<string, string[]> = Object.create(null);
  for (const [key, list] of map) out[key] = list.sort();
  return out;
}

/** The manifest document: metadata, the given sections, empty others, and its lineage maps. */
export function manifestDocument(spec: {
  projectName: string;
  projectId: string;
  invocationId: string;
  adapterType: string;
  nodes: Record<string, ManifestEntry>;
  sources: Record<string, ManifestEntry>;
  macros?: Record<string, Record<string, unknown>>;
  exposures: Record<string, ManifestEntry>;
  selectors?: Record<string, unknown>;
  unitTests?: Record<string, ManifestEntry>;
}): GeneratedManifest {
  const unitTests = spec.unitTests ?? {};
  const { parentMap, childMap } = lineageMaps([spec.nodes, spec.sources, spec.exposures, unitTests]);
  return {
    metadata: {
      dbt_schema_version: "https://schemas.getdbt.com/dbt/manifest/v12.json",
      dbt_version: "1.9.4",
      generated_at: "2026-01-01T00:00:00.000000Z",
      invocation_id: spec.invocationId,
      env: {},
      project_name: spec.projectName,
      project_id: spec.projectId,
      user_id: null,
      send_anonymous_usage_stats: false,
      adapter_type: spec.adapterType,
    },
    nodes: spec.nodes,
    sources: spec.sources,
    macros: spec.macros ?? {},
    docs: {},
    exposures: spec.exposures,
    metrics: {},
    groups: {},
    selectors: spec.selectors ?? {},
    disabled: {},
    parent_map: parentMap,
    child_map: childMap,
    group_map: {},
    saved_queries: {},
    semantic_models: {},
    unit_tests: unitTests,
  };
}
