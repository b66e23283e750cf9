/**
 * Lenient types for dbt's `manifest.json` (schema v6–v12 and the dbt Fusion 2.x variant).
 *
 * Only the fields this toolkit reads are named; every object keeps its other fields through an index
 * signature, so nothing dbt writes is lost and newer dbt versions still type-check.
 */

/** Resource types dbt writes; open-ended so unknown future types still type-check. */
export type DbtResourceType =
  | "model"
  | "seed"
  | "snapshot"
  | "test"
  | "unit_test"
  | "analysis"
  | "operation"
  | "sql_operation"
  | "source"
  | "exposure"
  | "metric"
  | "semantic_model"
  | "saved_query"
  | "group"
  | "function"
  | (string & {});

export interface DbtManifestMetadata {
  /** e.g. `https://schemas.getdbt.com/dbt/manifest/v12.json` */
  dbt_schema_version: string;
  dbt_version?: string;
  generated_at?: string;
  invocation_id?: string | null;
  env?: Record<string, string>;
  project_name?: string | null;
  project_id?: string | null;
  adapter_type?: string | null;
  [key: string]: unknown;
}

export interface DbtDependsOn {
  nodes?: string[];
  macros?: string[];
  [key: string]: unknown;
}

export interface DbtChecksum {
  name: string;
  checksum: string;
  [key: string]: unknown;
}

export interface DbtColumn {
  name: string;
  description?: string;
  data_type?: string | null;
  meta?: Record<string, unknown>;
  tags?: string[];
  [key: string]: unknown;
}

/** `config` of a node; every key dbt allows (including adapter-specific ones) is kept. */
export interface DbtNodeConfig {
  enabled?: boolean;
  materialized?: string;
  tags?: string[] | string;
  meta?: Record<string, unknown>;
  schema?: string | null;
  database?: string | null;
  alias?: string | null;
  group?: string | null;
  /** Tests: `ERROR` / `WARN` (Fusion writes upper case, dbt-core usually lower case). */
  severity?: string;
  [key: string]: unknown;
}

/** Fields shared by every graph member (nodes, sources, exposures, metrics, …). */
export interface DbtGraphMember {
  unique_id: string;
  name: string;
  resource_type: DbtResourceType;
  package_name: string;
  fqn: string[];
  path?: string;
  original_file_path?: string;
  description?: string;
  tags?: string[];
  meta?: Record<string, unknown>;
  config?: DbtNodeConfig;
  depends_on?: DbtDependsOn;
  [key: string]: unknown;
}

export interface DbtTestMetadata {
  name: string;
  namespace?: string | null;
  kwargs?: Record<string, unknown>;
  [key: string]: unknown;
}

export interface DbtRef {
  name: string;
  package?: string | null;
  version?: string | number | null;
  [key: string]: unknown;
}

/** An entry of `manifest.nodes`: model, seed, snapshot, test, analysis, operation. */
export interface DbtManifestNode extends DbtGraphMember {
  database?: string | null;
  schema?: string;
  alias?: string;
  relation_name?: string | null;
  /** dbt >= 1.3 */
  raw_code?: string;
  /** dbt <= 1.2 (manifest v6) */
  raw_sql?: string;
  compiled_code?: string;
  language?: string;
  checksum?: DbtChecksum;
  columns?: Record<string, DbtColumn>;
  refs?: Array<DbtRef | string[]>;
  sources?: string[][];
  group?: string | null;
  access?: string;
  version?: string | number | null;
  latest_version?: string | number | null;
  /** Generic tests: the node the test is defined on. */
  attached_node?: string | null;
  /** Generic tests only; singular tests have none. */
  test_metadata?: DbtTestMetadata;
  column_name?: string | null;
}

export interface DbtFreshnessThreshold {
  warn_after?: { count?: number | null; period?: string | null } | null;
  error_after?: { count?: number | null; period?: string | null } | null;
  filter?: string | null;
  [key: string]: unknown;
}

/** An entry of `manifest.sources`. */
export interface DbtSource extends DbtGraphMember {
  source_name: string;
  source_description?: string;
  identifier?: string;
  loader?: string;
  database?: string | null;
  schema?: string;
  relation_name?: string | null;
  loaded_at_field?: string | null;
  freshness?: DbtFreshnessThreshold | null;
  columns?: Record<string, DbtColumn>;
  source_meta?: Record<string, unknown>;
}

export interface DbtOwner {
  name?: string | null;
  email?: string | string[] | null;
  [key: string]: unknown;
}

/** An entry of `manifest.exposures`. */
export interface DbtExposure extends DbtGraphMember {
  type?: string;
  owner?: DbtOwner;
  label?: string | null;
  maturity?: string | null;
  url?: string | null;
}

/** An entry of `manifest.metrics`. */
export interface DbtMetric extends DbtGraphMember {
  label?: string;
  type?: string;
}

/** An entry of `manifest.semantic_models`. */
export interface DbtSemanticModel extends DbtGraphMember {
  model?: string;
  label?: string | null;
}

/** An entry of `manifest.saved_queries`. */
export interface DbtSavedQuery extends DbtGraphMember {
  label?: string | null;
}

/** An entry of `manifest.unit_tests`. */
export interface DbtUnitTest extends DbtGraphMember {
  /** Name of the model under test. */
  model?: string;
  tested_node_unique_id?: string;
}

/** An entry of `manifest.functions` (dbt >= 1.11 user-defined functions). */
export interface DbtFunction extends DbtGraphMember {}

/** An entry of `manifest.groups`. */
export interface DbtGroup {
  name: string;
  unique_id?: string;
  owner?: DbtOwner;
  [key: string]: unknown;
}

/** Indirect test selection modes (`--indirect-selection`). */
export type DbtIndirectSelection = "eager" | "cautious" | "buildable" | "empty";

/**
 * The dict form of a YAML selector definition, as dbt stores it in `manifest.selectors[name].definition`.
 * A definition is either this dict or a string in CLI syntax.
 */
export interface DbtSelectorDict {
  union?: DbtSelectorExpression[];
  intersection?: DbtSelectorExpression[];
  exclude?: DbtSelectorExpression[];
  method?: string;
  value?: string;
  parents?: boolean;
  children?: boolean;
  parents_depth?: number;
  children_depth?: number;
  childrens_parents?: boolean;
  indirect_selection?: DbtIndirectSelection;
  [key: string]: unknown;
}

export type DbtSelectorExpression = string | DbtSelectorDict;

/** An entry of `manifest.selectors`. */
export interface DbtSelectorDefinition {
  name: string;
  description?: string;
  default?: boolean;
  definition: DbtSelectorExpression;
  [key: string]: unknown;
}

/**
 * A dbt manifest. `nodes` and `sources` are always present; the other maps depend on the schema
 * version (e.g. `semantic_models` from v10, `unit_tests` from v12) and are optional.
 */
export interface DbtManifest {
  metadata: DbtManifestMetadata;
  nodes: Record<string, DbtManifestNode>;
  sources: Record<string, DbtSource>;
  exposures?: Record<string, DbtExposure>;
  metrics?: Record<string, DbtMetric>;
  semantic_models?: Record<string, DbtSemanticModel>;
  saved_queries?: Record<string, DbtSavedQuery>;
  unit_tests?: Record<string, DbtUnitTest>;
  functions?: Record<string, DbtFunction>;
  groups?: Record<string, DbtGroup>;
  selectors?: Record<string, DbtSelectorDefinition>;
  /** Disabled resources by unique id (a list, since several disabled versions may share one id). */
  disabled?: Record<string, DbtGraphMember[]>;
  parent_map?: Record<string, string[]>;
  /** Missing in early dbt Fusion manifests; rebuild it from `depends_on` when absent. */
  child_map?: Record<string, string[]>;
  group_map?: Record<string, string[]>;
  macros?: Record<string, unknown>;
  docs?: Record<string, unknown>;
  [key: string]: unknown;
}
