import type { Manifest } from "../manifest/types.js";
import { allManifestNodes } from "../manifest/types.js";

/**
 * Resolves node references from config (unique ids or plain names) to unique ids. Returns the
 * references that match nothing, so the caller can name them in an error.
 */
export function resolveNodeRefs(
  manifest: Manifest,
  refs: readonly string[],
): { ids: Set<string>; unknown: string[] } {
  const all = allManifestNodes(manifest);
  const byName = new Map<string, string[]>();
  for (const [id, node] of all) {
    const list = byName.get(node.name) ?? [];
    list.push(id);
    byName.set(node.name, list);
  }
  const ids = new Set<string>();
  const unknown: string[] = [];
  for (const ref of refs) {
    if (all.has(ref)) ids.add(ref);
    else if (byName.has(ref)) for (const id of byName.get(ref)!) ids.add(id);
    else unknown.push(ref);
  }
  return { ids, unknown };
}

/** A few example names from the manifest for error messages. */
export function exampleNodeNames(manifest: Manifest, count = 5): string[] {
  return Object.values(manifest.nodes)
    .filter((n) => n.resource_type === "model" || n.resource_type === "test")
    .slice(0, count)
    .map((n) => n.name);
}
