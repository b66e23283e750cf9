import type { RunResultLike } from "../events/run-results-like.js";
import type { ManifestLike } from "../specs/resource-props.js";
import type { DbtTimelineEntry } from "./types.js";

/**
 * Longest chain (by execution time) of results linked through `depends_on`. Parents that did not run
 * (ephemeral models, unselected nodes) are walked through to their own parents that did. Iterative,
 * memoized: linear in nodes plus edges.
 */
export function criticalPathByDependencies(
  results: readonly RunResultLike[],
  manifest: ManifestLike,
): { ids: string[]; totalSeconds: number } {
  const duration = new Map<string, number>();
  for (const r of results)
    duration.set(r.unique_id, typeof r.execution_time === "number" ? r.execution_time : 0);

  const inRunParents = new Map<string, readonly string[]>();
  const parentsOfRunAncestors = (id: string): readonly string[] => {
    const cached = inRunParents.get(id);
    if (cached) return cached;
    const direct = directParents(manifest, id);
    if (direct.every((p) => duration.has(p))) {
      inRunParents.set(id, direct);
      return direct;
    }
    const out = new Set<string>();
    const stack = [...directParents(manifest, id)];
    const seen = new Set<string>();
    while (stack.length > 0) {
      const parent = stack.pop() as string;
      if (seen.has(parent)) continue;
      seen.add(parent);
      if (duration.has(parent)) out.add(parent);
      else stack.push(...directParents(manifest, parent));
    }
    const list = [...out];
    inRunParents.set(id, list);
    return list;
  };

  const finish = new Map<string, number>();
  const via = new Map<string, string | undefined>();
  const inProgress = new Set<string>();
  const settle = (id: string, parents: readonly string[]) => {
    let best = 0;
    let bestParent: string | undefined;
    for (const p of parents) {
      const f = finish.get(p) ?? 0;
      if (f > best || bestParent === undefined) {
        best = f;
        bestParent = p;
      }
    }
    finish.set(id, best + (duration.get(id) ?? 0));
    via.set(id, bestParent);
  };
  for (const r of results) {
    if (finish.has(r.unique_id)) continue;
    const direct = parentsOfRunAncestors(r.unique_id);
    // dbt writes results in completion order, so parents are usually settled already.
    if (direct.every((p) => finish.has(p))) {
      settle(r.unique_id, direct);
      continue;
    }
    const stack: Array<{ id: string; expanded: boolean }> = [{ id: r.unique_id, expanded: false }];
    while (stack.length > 0) {
      const frame = stack[stack.length - 1] as { id: string; expanded: boolean };
      if (finish.has(frame.id)) {
        stack.pop();
        continue;
      }
      const parents = parentsOfRunAncestors(frame.id);
      if (!frame.expanded) {
        frame.expanded = true;
        inProgress.add(frame.id);
        for (const p of parents)
          if (!finish.has(p) && !inProgress.has(p)) stack.push({ id: p, expanded: false });
        continue;
      }
      settle(frame.id, parents);
      inProgress.delete(frame.id);
      stack.pop();
    }
  }

  let end: string | undefined;
  let total = -1;
  for (const [id, f] of finish) {
    if (f > total) {
      total = f;
      end = id;
    }
  }
  const ids: string[] = [];
  for (let id = end; id !== undefined; id = via.get(id)) ids.push(id);
  return { ids: ids.reverse(), totalSeconds: Math.max(total, 0) };
}

function directParents(manifest: ManifestLike, id: string): readonly string[] {
  return manifest.nodes?.[id]?.depends_on?.nodes ?? manifest.parent_map?.[id] ?? [];
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
