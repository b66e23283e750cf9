import { emptyRecord } from "../records/empty-record.js";
import type { ManifestLike } from "./resource-props.js";

const GRAPH_COLLECTIONS = [
  "nodes",
  "sources",
  "exposures",
  "metrics",
  "semantic_models",
  "saved_queries",
  "unit_tests",
] as const;

/**
 * `manifest.child_map` (parsed JSON: read it with `ownValue`), or, when the manifest has none (early dbt Fusion), the same map rebuilt from
 * every resource's `depends_on.nodes` in one pass.
 */
export function childMapOf(manifest: ManifestLike): Record<string, readonly string[]> {
  const childMap = manifest.child_map;
  if (childMap) for (const _ in childMap) return childMap;
  return rebuildChildMap(manifest);
}

/** Children by unique id from `depends_on.nodes`; every resource gets an entry (empty when a leaf). No prototype. */
export function rebuildChildMap(manifest: ManifestLike): Record<string, string[]> {
  const children = emptyRecord<string[]>();
  for (const collection of GRAPH_COLLECTIONS) {
    for (const id of Object.keys(manifest[collection] ?? {})) children[id] ??= [];
  }
  for (const collection of GRAPH_COLLECTIONS) {
    for (const [id, props] of Object.entries(manifest[collection] ?? {})) {
      for (const parent of props.depends_on?.nodes ?? []) {
        const list = children[parent];
        if (list) {
          if (list[list.length - 1] !== id) list.push(id);
        } else {
          children[parent] = [id];
        }
      }
    }
  }
  return children;
}
