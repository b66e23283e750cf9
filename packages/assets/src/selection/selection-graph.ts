import type { DbtGraphMember, DbtManifest } from "../artifacts/manifest-types.js";

/** The manifest maps whose entries are members of dbt's selection graph, in the order they are indexed. */
export const GRAPH_COLLECTIONS = [
  "nodes",
  "sources",
  "exposures",
  "metrics",
  "semantic_models",
  "saved_queries",
  "unit_tests",
  "functions",
] as const;
export type GraphCollection = (typeof GRAPH_COLLECTIONS)[number];

/**
 * dbt's selection graph, built once per manifest: every enabled graph member gets an index; edges run
 * parent -> child from `depends_on.nodes` and are stored as CSR arrays (offsets + targets) so traversals
 * over 50k nodes stay allocation-light. Disabled members are not part of the graph at all, so they are
 * never selected and never traversed through (as in dbt-core).
 */
export interface SelectionGraph {
  readonly manifest: DbtManifest;
  readonly size: number;
  readonly ids: readonly string[];
  readonly members: readonly DbtGraphMember[];
  /** Index into `GRAPH_COLLECTIONS` per member. */
  readonly collection: Uint8Array;
  readonly indexOf: ReadonlyMap<string, number>;
  readonly parentOffsets: Int32Array;
  readonly parents: Int32Array;
  readonly childOffsets: Int32Array;
  readonly children: Int32Array;
  /** 1 when a member's `depends_on.nodes` names something outside the graph (disabled or missing). */
  readonly hasOutsideParent: Uint8Array;
  /** Per-graph cache of method results, keyed by method, arguments and value. */
  readonly methodCache: Map<string, Uint8Array>;
  /** Per-graph lookup tables that only some methods need, built on first use. */
  readonly derived: Map<string, unknown>;
}

/** A derived lookup table of the graph, built once by `build` and cached on the graph. */
export function derived<T>(graph: SelectionGraph, key: string, build: (graph: SelectionGraph) => T): T {
  let value = graph.derived.get(key) as T | undefined;
  if (value === undefined) {
    value = build(graph);
    graph.derived.set(key, value);
  }
  return value;
}

const cache = new WeakMap<DbtManifest, SelectionGraph>();

/**
 * The selection graph of a manifest, cached per manifest object (a manifest must not be mutated after it
 * was first used for selection).
 */
export function getSelectionGraph(manifest: DbtManifest): SelectionGraph {
  let graph = cache.get(manifest);
  if (graph === undefined) {
    graph = buildSelectionGraph(manifest);
    cache.set(manifest, graph);
  }
  return graph;
}

function isEnabled(member: DbtGraphMember): boolean {
  const config = member.config;
  return config === undefined || config === null || config.enabled !== false;
}

export function buildSelectionGraph(manifest: DbtManifest): SelectionGraph {
  const ids: string[] = [];
  const members: DbtGraphMember[] = [];
  const collections: number[] = [];
  const indexOf = new Map<string, number>();
  GRAPH_COLLECTIONS.forEach((name, collectionIndex) => {
    const map = manifest[name] as Record<string, DbtGraphMember> | undefined | null;
    if (map === undefined || map === null) return;
    for (const id in map) {
      const member = map[id];
      if (member === undefined || !isEnabled(member) || indexOf.has(id)) continue;
      indexOf.set(id, ids.length);
      ids.push(id);
      members.push(member);
      collections.push(collectionIndex);
    }
  });
  const size = ids.length;

  // Parents per member (deduplicated, only members of the graph).
  const parentOffsets = new Int32Array(size + 1);
  const parentLists: number[][] = new Array(size);
  const hasOutsideParent = new Uint8Array(size);
  const childCounts = new Int32Array(size);
  let edgeCount = 0;
  for (let i = 0; i < size; i += 1) {
    const dependsOn = (members[i] as DbtGraphMember).depends_on?.nodes;
    const list: number[] = [];
    if (Array.isArray(dependsOn)) {
      for (const parentId of dependsOn) {
        const parent = indexOf.get(parentId);
        if (parent === undefined) hasOutsideParent[i] = 1;
        else if (!list.includes(parent)) {
          list.push(parent);
          childCounts[parent] = (childCounts[parent] as number) + 1;
        }
      }
    }
    parentLists[i] = list;
    edgeCount += list.length;
  }
  const parents = new Int32Array(edgeCount);
  const childOffsets = new Int32Array(size + 1);
  for (let i = 0; i < size; i += 1) {
    childOffsets[i + 1] = (childOffsets[i] as number) + (childCounts[i] as number);
  }
  const children = new Int32Array(edgeCount);
  const childFill = childOffsets.slice(0, size);
  let offset = 0;
  for (let i = 0; i < size; i += 1) {
    parentOffsets[i] = offset;
    for (const parent of parentLists[i] as number[]) {
      parents[offset] = parent;
      offset += 1;
      const slot = childFill[parent] as number;
      children[slot] = i;
      childFill[parent] = slot + 1;
    }
  }
  parentOffsets[size] = offset;

  return {
    manifest,
    size,
    ids,
    members,
    collection: Uint8Array.from(collections),
    indexOf,
    parentOffsets,
    parents,
    childOffsets,
    children,
    hasOutsideParent,
    methodCache: new Map(),
    derived: new Map(),
  };
}

export function collectionOf(graph: SelectionGraph, index: number): GraphCollection {
  return GRAPH_COLLECTIONS[graph.collection[index] as number] as GraphCollection;
}

/**
 * Nodes reachable from `start` along parent or child edges within `maxDepth` hops (all when undefined),
 * not counting the start nodes themselves unless another start node reaches them. Multi-source BFS, so
 * "within n hops of any start node" equals dbt's union of per-node depth-limited searches.
 */
export function traverse(
  graph: SelectionGraph,
  start: Uint8Array,
  direction: "parents" | "children",
  maxDepth?: number,
): Uint8Array {
  const { size } = graph;
  const offsets = direction === "parents" ? graph.parentOffsets : graph.childOffsets;
  const targets = direction === "parents" ? graph.parents : graph.children;
  const reached = new Uint8Array(size);
  const visited = new Uint8Array(size);
  const queue = new Int32Array(size);
  const depth = maxDepth === undefined ? undefined : new Int32Array(size);
  let head = 0;
  let tail = 0;
  for (let i = 0; i < size; i += 1) {
    if (start[i] === 1) {
      visited[i] = 1;
      queue[tail] = i;
      tail += 1;
    }
  }
  while (head < tail) {
    const node = queue[head] as number;
    head += 1;
    const nodeDepth = depth === undefined ? 0 : (depth[node] as number);
    if (maxDepth !== undefined && nodeDepth >= maxDepth) continue;
    const end = offsets[node + 1] as number;
    for (let e = offsets[node] as number; e < end; e += 1) {
      const next = targets[e] as number;
      reached[next] = 1;
      if (visited[next] === 1) continue;
      visited[next] = 1;
      if (depth !== undefined) depth[next] = nodeDepth + 1;
      queue[tail] = next;
      tail += 1;
    }
  }
  return reached;
}
