/**
 * The minimal slice of a dbt manifest (v7–v12) the emulator reads. Everything else in the file is
 * carried along untouched, so a supplied manifest is served back byte-for-byte equivalent.
 */
export interface ManifestNode {
  unique_id: string;
  name: string;
  resource_type: string;
  package_name?: string;
  original_file_path?: string;
  path?: string;
  fqn?: string[];
  tags?: string[];
  config?: { materialized?: string; enabled?: boolean; severity?: string; [key: string]: unknown };
  depends_on?: { nodes?: string[]; macros?: string[] };
  relation_name?: string | null;
  compiled_code?: string;
  raw_code?: string;
  [key: string]: unknown;
}

/** The parts of a manifest.json the emulator reads; other sections are carried along untouched. */
export interface Manifest {
  metadata: {
    dbt_schema_version: string;
    dbt_version?: string;
    project_name?: string;
    adapter_type?: string;
    invocation_id?: string;
    generated_at?: string;
    env?: Record<string, string>;
    [key: string]: unknown;
  };
  nodes: Record<string, ManifestNode>;
  sources: Record<string, ManifestNode>;
  exposures?: Record<string, ManifestNode>;
  unit_tests?: Record<string, ManifestNode>;
  parent_map?: Record<string, string[]>;
  child_map?: Record<string, string[]>;
  [key: string]: unknown;
}

/** Resource types dbt executes and reports in run_results. */
const EXECUTABLE_TYPES = new Set(["model", "seed", "snapshot", "test", "unit_test"]);

/** Does dbt execute this node and report it in run_results (enabled, an executable type, not ephemeral)? */
export function isExecutable(node: ManifestNode): boolean {
  if (!EXECUTABLE_TYPES.has(node.resource_type)) return false;
  if (node.config?.enabled === false) return false;
  return !(node.resource_type === "model" && node.config?.materialized === "ephemeral");
}

/** The node or unit test with this unique id, if the manifest has one (own keys only, never `Object.prototype`'s). */
export function manifestNode(manifest: Manifest, id: string): ManifestNode | undefined {
  if (Object.hasOwn(manifest.nodes, id)) return manifest.nodes[id];
  if (manifest.unit_tests && Object.hasOwn(manifest.unit_tests, id)) return manifest.unit_tests[id];
  return undefined;
}

/** Every node-like entry (nodes, sources, exposures, unit tests) by unique id. */
export function allManifestNodes(manifest: Manifest): Map<string, ManifestNode> {
  const all = new Map<string, ManifestNode>();
  for (const group of [
    manifest.nodes,
    manifest.sources,
    manifest.exposures ?? {},
    manifest.unit_tests ?? {},
  ]) {
    for (const [id, node] of Object.entries(group)) all.set(id, node);
  }
  return all;
}
