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
  /**
   * Two unique ids on a `depends_on` cycle (the same id twice for a self-loop), when the manifest has one:
   * dbt refuses such a project, so the manifest was edited or is corrupt. Walks still terminate.
   */
  readonly cycle: readonly [string, string] | undefined;
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

function buildSelectionGraph(manifest: DbtManifest): SelectionGraph {
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
  const cycle = findCycle(size, parentOffsets, parents);

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
    cycle: cycle === undefined ? undefined : [ids[cycle[0]] as string, ids[cycle[1]] as string],
    methodCache: new Map(),
    derived: new Map(),
  };
}

/**
 * One edge that closes a cycle, as [parent, child] graph indexes (the parent depends on the child through
 * the cycle), or `undefined`. Iterative depth-first search over the CSR parent lists: linear, no recursion.
 */
function findCycle(size: number, offsets: Int32Array, targets: Int32Array): [number, number] | undefined {
  // 0 unvisited, 1 on the current path, 2 done
  const state = new Uint8Array(size);
  const stack = new Int32Array(size);
  const nextEdge = new Int32Array(size);
  for (let root = 0; root < size; root += 1) {
    if (state[root] !== 0) continue;
    let top = 0;
    stack[0] = root;
    state[root] = 1;
    nextEdge[root] = offsets[root] as number;
    while (top >= 0) {
      const node = stack[top] as number;
      const edge = nextEdge[node] as number;
      if (edge < (offsets[node + 1] as number)) {
        nextEdge[node] = edge + 1;
        const next = targets[edge] as number;
        if (state[next] === 1) return [next, node];
        if (state[next] === 0) {
          state[next] = 1;
          nextEdge[next] = offsets[next] as number;
          top += 1;
          stack[top] = next;
        }
        continue;
      }
      state[node] = 2;
      top -= 1;
    }
  }
  return undefined;
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
