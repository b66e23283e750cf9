import type { DbtGraphMember, DbtIndirectSelection, DbtManifest } from "../../src/index.js";

/**
 * A deliberately naive reference for dbt selection on the small grammar the property tests generate:
 * sets of strings, distances by Bellman-Ford-style relaxation, recursion over a parsed tree. It shares no
 * code with the implementation under test.
 */
export interface BruteCriterion {
  prefix: "" | "+" | "1+" | "2+" | "@";
  method: "tag" | "resource_type" | "package" | "name" | "fqn";
  value: string;
  suffix: "" | "+" | "+1";
}

interface Member {
  id: string;
  member: DbtGraphMember;
  isSource: boolean;
  isTest: boolean;
}

function membersOf(manifest: DbtManifest): Member[] {
  const out: Member[] = [];
  const add = (map: Record<string, DbtGraphMember> | undefined, isSource: boolean) => {
    for (const [id, member] of Object.entries(map ?? {})) {
      if (member.config?.enabled === false) continue;
      out.push({ id, member, isSource, isTest: member.resource_type === "test" });
    }
  };
  add(manifest.nodes, false);
  add(manifest.sources, true);
  add(manifest.exposures, false);
  return out;
}

/** Shortest distance from any start node, following depends_on edges in the given direction. */
function distances(members: Member[], start: Set<string>, up: boolean): Map<string, number> {
  const enabled = new Set(members.map((m) => m.id));
  const edges: Array<[string, string]> = [];
  for (const m of members) {
    for (const parent of m.member.depends_on?.nodes ?? []) {
      if (enabled.has(parent)) edges.push(up ? [m.id, parent] : [parent, m.id]);
    }
  }
  const dist = new Map<string, number>();
  for (const id of start) dist.set(id, 0);
  let changed = true;
  while (changed) {
    changed = false;
    for (const [from, to] of edges) {
      const d = dist.get(from);
      if (d === undefined) continue;
      const current = dist.get(to);
      if (current === undefined || d + 1 < current) {
        dist.set(to, d + 1);
        changed = true;
      }
    }
  }
  return dist;
}

/** Nodes at distance 1..depth (or any), plus start nodes that another start node reaches. */
function reach(members: Member[], start: Set<string>, up: boolean, depth?: number): Set<string> {
  const out = new Set<string>();
  const dist = distances(members, start, up);
  for (const [id, d] of dist) if (d >= 1 && (depth === undefined || d <= depth)) out.add(id);
  for (const id of start) {
    const others = new Set([...start].filter((other) => other !== id));
    const fromOthers = distances(members, others, up).get(id);
    if (fromOthers !== undefined && fromOthers >= 1 && (depth === undefined || fromOthers <= depth))
      out.add(id);
  }
  return out;
}

function matches(c: BruteCriterion, m: Member): boolean {
  const fqn = m.member.fqn;
  switch (c.method) {
    case "tag":
      return (m.member.tags ?? []).includes(c.value);
    case "resource_type":
      return m.member.resource_type === c.value;
    case "package":
      return m.member.package_name === c.value;
    case "name":
    case "fqn": {
      if (m.isSource) return false;
      if (c.value === "*") return true;
      if (fqn[fqn.length - 1] === c.value) return true;
      const parts = c.value.split(".");
      const prefixOf = (list: string[]) =>
        parts.length <= list.length && parts.every((p, i) => list[i] === p);
      return prefixOf(fqn) || prefixOf(fqn.slice(1));
    }
  }
}

export function criterionText(c: BruteCriterion): string {
  const body = c.method === "name" ? c.value : `${c.method}:${c.value}`;
  return `${c.prefix}${body}${c.suffix}`;
}

interface Pair {
  direct: Set<string>;
  indirect: Set<string>;
}

function parentsOf(m: Member): string[] {
  return m.member.depends_on?.nodes ?? [];
}

function evalCriterion(members: Member[], c: BruteCriterion, mode: DbtIndirectSelection): Pair {
  const collected = new Set(members.filter((m) => matches(c, m)).map((m) => m.id));
  const selected = new Set(collected);
  if (c.prefix === "@") {
    const base = new Set([...collected, ...reach(members, collected, false)]);
    for (const id of base) selected.add(id);
    for (const id of reach(members, base, true)) selected.add(id);
  }
  if (c.prefix === "+" || c.prefix === "1+" || c.prefix === "2+") {
    const depth = c.prefix === "+" ? undefined : Number(c.prefix[0]);
    for (const id of reach(members, collected, true, depth)) selected.add(id);
  }
  if (c.suffix !== "") {
    const depth = c.suffix === "+" ? undefined : 1;
    for (const id of reach(members, collected, false, depth)) selected.add(id);
  }
  if (mode === "empty") return { direct: selected, indirect: new Set() };
  const direct = new Set(selected);
  const indirect = new Set<string>();
  const ancestors = reach(members, selected, true);
  for (const m of members) {
    if (!m.isTest) continue;
    const parents = parentsOf(m);
    if (!parents.some((p) => selected.has(p))) continue;
    const allIn = (set: Set<string>) => parents.every((p) => set.has(p));
    const buildable = (p: string) =>
      selected.has(p) || ancestors.has(p) || members.some((s) => s.isSource && s.id === p);
    if (mode === "eager" || allIn(selected)) direct.add(m.id);
    else if (mode === "buildable" && parents.every(buildable)) direct.add(m.id);
    else indirect.add(m.id);
  }
  return { direct, indirect };
}

type Op = "union" | "intersection" | "difference";

function combine(op: Op, sets: Set<string>[]): Set<string> {
  if (sets.length === 0) return new Set();
  const [first, ...rest] = sets as [Set<string>, ...Set<string>[]];
  if (op === "union") return new Set(sets.flatMap((s) => [...s]));
  if (op === "intersection") return new Set([...first].filter((id) => rest.every((s) => s.has(id))));
  return new Set([...first].filter((id) => rest.every((s) => !s.has(id))));
}

function evalGroup(members: Member[], op: Op, pairs: Pair[], mode: DbtIndirectSelection): Pair {
  const direct = combine(
    op,
    pairs.map((p) => p.direct),
  );
  const indirect = combine(
    op,
    pairs.map((p) => new Set([...p.direct, ...p.indirect])),
  );
  if (mode === "cautious" || mode === "buildable") {
    const reference = mode === "buildable" ? new Set([...direct, ...reach(members, direct, true)]) : direct;
    for (const m of members) {
      if (!indirect.has(m.id) || direct.has(m.id) || m.isSource) continue;
      if (parentsOf(m).every((p) => reference.has(p))) direct.add(m.id);
    }
  }
  return { direct, indirect };
}

/** select: union of intersections; exclude likewise (always eager). */
export function bruteForceSelect(
  manifest: DbtManifest,
  select: BruteCriterion[][],
  exclude: BruteCriterion[][],
  mode: DbtIndirectSelection,
): Set<string> {
  const members = membersOf(manifest);
  const unionOf = (groups: BruteCriterion[][], m: DbtIndirectSelection): Pair =>
    evalGroup(
      members,
      "union",
      groups.map((group) =>
        evalGroup(
          members,
          "intersection",
          group.map((c) => evalCriterion(members, c, m)),
          m,
        ),
      ),
      m,
    );
  const included = unionOf(select, mode);
  if (exclude.length === 0) return included.direct;
  const excluded = unionOf(exclude, "eager");
  return evalGroup(members, "difference", [included, excluded], "eager").direct;
}
