import type { RunResultLike } from "../events/run-results-like.js";
import { ownValue } from "../records/own-value.js";
import type { ManifestLike } from "../specs/resource-props.js";
import type { DbtTimelineEntry } from "./types.js";

const UNVISITED = 0;
const OPEN = 1;
const SETTLED = 2;

/** Everything known about one node; one map entry per node (at 50k nodes each map is a cache miss). */
interface Entry {
  state: typeof UNVISITED | typeof OPEN | typeof SETTLED;
  /** `execution_time` of a node in the run; `undefined` for a node that did not run. */
  duration: number | undefined;
  /** Settled: the best finish at or behind the node, and the run node it ends at (none: nothing ran). */
  value: number;
  node: string | undefined;
  /** Run nodes: the run node before this one on its longest chain. */
  via: string | undefined;
}

interface Frame {
  id: string;
  entry: Entry;
  parents: readonly string[];
  next: number;
}

/**
 * Longest chain (by execution time) of results linked through `depends_on`. Parents that did not run
 * (ephemeral models, unselected nodes) are walked through to their own parents that did. One iterative
 * depth-first pass over the run's nodes and their ancestors, each node settled once: linear in nodes
 * plus edges, also for a partial run of a large project (each node not in the run remembers the best
 * finish behind it instead of being walked again for every child). A `depends_on` cycle (a corrupt
 * manifest) is stepped over and returned as two of its nodes.
 */
export function criticalPathByDependencies(
  results: readonly RunResultLike[],
  manifest: ManifestLike,
): { ids: string[]; totalSeconds: number; cycle?: [string, string] } {
  const entries = new Map<string, Entry>();
  for (const r of results) {
    const duration = typeof r.execution_time === "number" ? r.execution_time : 0;
    const known = entries.get(r.unique_id);
    if (known) known.duration = duration;
    else entries.set(r.unique_id, { state: UNVISITED, duration, value: 0, node: undefined, via: undefined });
  }
  let end: Entry | undefined;
  let cycle: [string, string] | undefined;

  /** Settles `entry` from its parents; false (nothing changed) when a parent is not settled yet. */
  const settle = (id: string, entry: Entry, parents: readonly string[], strict: boolean): boolean => {
    let best: Entry | undefined;
    for (const parent of parents) {
      const offered = entries.get(parent);
      if (offered === undefined || offered.state !== SETTLED) {
        if (strict && (offered === undefined || offered.state === UNVISITED)) return false;
        continue;
      }
      if (offered.node !== undefined && (best === undefined || offered.value > best.value)) best = offered;
    }
    entry.state = SETTLED;
    if (entry.duration === undefined) {
      if (best !== undefined) {
        entry.value = best.value;
        entry.node = best.node;
      }
      return true;
    }
    entry.value = (best?.value ?? 0) + entry.duration;
    entry.node = id;
    entry.via = best?.node;
    // the first node to reach the longest finish ends the path
    if (end === undefined || entry.value > end.value) end = entry;
    return true;
  };

  for (const r of results) {
    const rootEntry = entries.get(r.unique_id) as Entry;
    if (rootEntry.state !== UNVISITED) continue;
    const rootParents = directParents(manifest, r.unique_id);
    // dbt writes results in completion order, so the parents are usually settled already.
    if (settle(r.unique_id, rootEntry, rootParents, true)) continue;
    rootEntry.state = OPEN;
    const stack: Frame[] = [{ id: r.unique_id, entry: rootEntry, parents: rootParents, next: 0 }];
    while (stack.length > 0) {
      const frame = stack[stack.length - 1] as Frame;
      if (frame.next < frame.parents.length) {
        const parent = frame.parents[frame.next] as string;
        frame.next += 1;
        let entry = entries.get(parent);
        if (entry?.state === OPEN) cycle ??= [parent, frame.id];
        if (entry !== undefined && entry.state !== UNVISITED) continue;
        if (entry === undefined) {
          entry = { state: OPEN, duration: undefined, value: 0, node: undefined, via: undefined };
          entries.set(parent, entry);
        } else entry.state = OPEN;
        stack.push({ id: parent, entry, parents: directParents(manifest, parent), next: 0 });
        continue;
      }
      settle(frame.id, frame.entry, frame.parents, false);
      stack.pop();
    }
  }

  const ids: string[] = [];
  for (
    let step = end;
    step?.node !== undefined;
    step = step.via === undefined ? undefined : entries.get(step.via)
  ) {
    ids.push(step.node);
  }
  const path = { ids: ids.reverse(), totalSeconds: Math.max(end?.value ?? 0, 0) };
  return cycle === undefined ? path : { ...path, cycle };
}

function directParents(manifest: ManifestLike, id: string): readonly string[] {
  const parents = ownValue(manifest.nodes, id)?.depends_on?.nodes ?? ownValue(manifest.parent_map, id);
  return Array.isArray(parents) ? parents : [];
}

/** Without a manifest: walk back from the last node to finish, each time to the node that finished last before it started. */
export function criticalPathByTiming(timeline: readonly DbtTimelineEntry[]): string[] {
  if (timeline.length === 0) return [];
  const byEnd = [...timeline].sort((a, b) => endOf(a) - endOf(b));
  const ids: string[] = [];
  let index = byEnd.length - 1;
  let current = byEnd[index];
  while (current) {
    ids.push(current.uniqueId);
    const start = current.startOffsetSeconds;
    let lo = 0;
    let hi = index - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (endOf(byEnd[mid] as DbtTimelineEntry) <= start + 1e-9) {
        found = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    index = found;
    current = found >= 0 ? byEnd[found] : undefined;
  }
  return ids.reverse();
}

function endOf(entry: DbtTimelineEntry): number {
  return entry.startOffsetSeconds + entry.durationSeconds;
}
