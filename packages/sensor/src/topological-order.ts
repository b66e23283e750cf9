import type { DbtEvent, ManifestLike } from "@dbt-cloud-kit/assets";

const depthsByManifest = new WeakMap<object, Map<string, number>>();

function parentsOf(manifest: ManifestLike, id: string): readonly string[] {
  const fromMap = (manifest as { parent_map?: Record<string, unknown> }).parent_map;
  const listed = fromMap && Object.hasOwn(fromMap, id) ? fromMap[id] : undefined;
  if (Array.isArray(listed)) return listed.filter((p): p is string => typeof p === "string");
  const node = manifest.nodes && Object.hasOwn(manifest.nodes, id) ? manifest.nodes[id] : undefined;
  const nodes = (node as { depends_on?: { nodes?: unknown } } | undefined)?.depends_on?.nodes;
  return Array.isArray(nodes) ? nodes.filter((p): p is string => typeof p === "string") : [];
}

/**
 * Longest path from a root to `id` in the manifest's graph (parents first), memoised per manifest.
 * Iterative, and a cycle in a hostile manifest just stops the walk instead of overflowing the stack.
 */
export function depthOf(manifest: ManifestLike, id: string): number {
  let depths = depthsByManifest.get(manifest);
  if (!depths) {
    depths = new Map();
    depthsByManifest.set(manifest, depths);
  }
  const known = depths.get(id);
  if (known !== undefined) return known;
  const onPath = new Set<string>([id]);
  const stack: { id: string; parents: readonly string[]; next: number; depth: number }[] = [
    { id, parents: parentsOf(manifest, id), next: 0, depth: 0 },
  ];
  while (stack.length > 0) {
    const top = stack[stack.length - 1] as (typeof stack)[number];
    if (top.next < top.parents.length) {
      const parent = top.parents[top.next++] as string;
      const parentDepth = depths.get(parent);
      if (parentDepth !== undefined) top.depth = Math.max(top.depth, parentDepth + 1);
      else if (!onPath.has(parent)) {
        onPath.add(parent);
        stack.push({ id: parent, parents: parentsOf(manifest, parent), next: 0, depth: 0 });
      }
      continue;
    }
    stack.pop();
    onPath.delete(top.id);
    depths.set(top.id, top.depth);
    const below = stack[stack.length - 1];
    if (below) below.depth = Math.max(below.depth, top.depth + 1);
  }
  return depths.get(id) ?? 0;
}

/** Events of one run in topological order (parents before children, a model before its tests), stable otherwise. */
export function sortTopologically<E extends DbtEvent>(events: readonly E[], manifest: ManifestLike): E[] {
  const keyed = events.map((event, index) => ({ event, index, depth: depthOf(manifest, event.uniqueId) }));
  keyed.sort((a, b) => a.depth - b.depth || a.index - b.index);
  return keyed.map((k) => k.event);
}
