import { describe, expect, it } from "vitest";
import {
  buildDbtSpecs,
  type DbtGraphMember,
  type DbtManifest,
  type DbtRunResults,
  eventsFromRunResults,
  selectUniqueIds,
  summarizeRunResults,
} from "../src/index.js";

/** A manifest that dbt would never write: `depends_on` closes a loop (hand-edited or corrupt). */
function manifestOf(
  members: Array<{ name: string; parents?: string[]; type?: string; ephemeral?: boolean; attached?: string }>,
): DbtManifest {
  const nodes: Record<string, DbtGraphMember> = {};
  for (const m of members) {
    const type = m.type ?? "model";
    const id = `${type}.p.${m.name}`;
    nodes[id] = {
      unique_id: id,
      name: m.name,
      resource_type: type,
      package_name: "p",
      fqn: ["p", m.name],
      original_file_path: `models/${m.name}.sql`,
      config: { materialized: m.ephemeral ? "ephemeral" : "table" },
      depends_on: { nodes: (m.parents ?? []).map((p) => (p.includes(".") ? p : `model.p.${p}`)) },
      ...(m.attached ? { attached_node: m.attached } : {}),
    };
  }
  return {
    metadata: { dbt_schema_version: "https://schemas.getdbt.com/dbt/manifest/v12.json", project_name: "p" },
    nodes,
    sources: {},
  };
}

function runOf(manifest: DbtManifest, seconds = (_i: number) => 1): DbtRunResults {
  return {
    metadata: { dbt_schema_version: "https://schemas.getdbt.com/dbt/run-results/v6.json" },
    results: Object.keys(manifest.nodes).map((id, i) => ({
      unique_id: id,
      status: id.startsWith("test.") ? "pass" : "success",
      execution_time: seconds(i),
      timing: [],
    })),
  };
}

function recorder() {
  const warnings: string[] = [];
  return { warnings, logger: { debug() {}, info() {}, warn: (m: string) => warnings.push(m), error() {} } };
}

const ids = (set: Iterable<string>) => [...set].sort();

describe("graph walks terminate on a cyclic depends_on and name the cycle", () => {
  it("a 2-cycle: selection operators, specs and the summary finish, with one warning naming both nodes", () => {
    const manifest = manifestOf([
      { name: "a", parents: ["b"] },
      { name: "b", parents: ["a"] },
      { name: "c", parents: ["a"] },
      { name: "d" },
    ]);
    const { warnings, logger } = recorder();
    expect(ids(selectUniqueIds(manifest, { select: "+c", logger }))).toEqual([
      "model.p.a",
      "model.p.b",
      "model.p.c",
    ]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/cycle through model\.p\.(a|b) and model\.p\.(a|b)/);
    expect(warnings[0]).toContain("model.p.a");
    expect(warnings[0]).toContain("model.p.b");
    expect(ids(selectUniqueIds(manifest, { select: "a+" }))).toEqual(["model.p.a", "model.p.b", "model.p.c"]);
    expect(ids(selectUniqueIds(manifest, { select: "@c" }))).toEqual(["model.p.a", "model.p.b", "model.p.c"]);
    expect(ids(selectUniqueIds(manifest, { select: "1+d+1" }))).toEqual(["model.p.d"]);

    const specs = buildDbtSpecs(manifest, { logger });
    expect(specs.assetSpecs.map((s) => [s.uniqueId, s.depUniqueIds])).toEqual([
      ["model.p.a", ["model.p.b"]],
      ["model.p.b", ["model.p.a"]],
      ["model.p.c", ["model.p.a"]],
      ["model.p.d", []],
    ]);
    expect(warnings.length).toBeGreaterThanOrEqual(2);

    const summaryLog = recorder();
    const summary = summarizeRunResults(runOf(manifest), manifest, { logger: summaryLog.logger });
    expect(summary.total).toBe(4);
    expect(summary.warnings).toHaveLength(1);
    expect(summary.warnings[0]).toMatch(/cycle through model\.p\.[ab] and model\.p\.[ab]/);
    expect(summaryLog.warnings).toEqual(summary.warnings);
    expect(summary.criticalPath.nodes.length).toBeGreaterThan(0);
  });

  it("a self-loop is named as a node that depends on itself", () => {
    const manifest = manifestOf([
      { name: "a", parents: ["a"] },
      { name: "b", parents: ["a"] },
    ]);
    const { warnings, logger } = recorder();
    expect(ids(selectUniqueIds(manifest, { select: "a+", logger }))).toEqual(["model.p.a", "model.p.b"]);
    expect(warnings[0]).toContain("model.p.a, which depends on itself");
    const summary = summarizeRunResults(runOf(manifest), manifest);
    expect(summary.warnings[0]).toContain("model.p.a, which depends on itself");
    expect(summary.criticalPath.nodes.map((n) => n.uniqueId)).toEqual(["model.p.a", "model.p.b"]);
    expect(buildDbtSpecs(manifest).assetSpecs).toHaveLength(2);
  });

  it("a cycle through ephemeral models is stepped over when resolving an asset's real parents", () => {
    const manifest = manifestOf([
      { name: "base" },
      { name: "e1", parents: ["e2", "base"], ephemeral: true },
      { name: "e2", parents: ["e1"], ephemeral: true },
      { name: "m", parents: ["e1"] },
    ]);
    const specs = buildDbtSpecs(manifest);
    expect(specs.assetSpecs.map((s) => [s.uniqueId, s.depUniqueIds])).toEqual([
      ["model.p.base", []],
      ["model.p.m", ["model.p.base"]],
    ]);
  });

  it("tests attached to each other do not send event resolution round in circles", () => {
    const manifest = manifestOf([
      { name: "m" },
      { name: "t1", type: "test", parents: ["test.p.t2"], attached: "test.p.t2" },
      { name: "t2", type: "test", parents: ["test.p.t1"], attached: "test.p.t1" },
      { name: "t3", type: "test", parents: ["m"], attached: "model.p.m" },
    ]);
    const events = eventsFromRunResults(runOf(manifest), manifest);
    expect(events.map((e) => [e.type, e.uniqueId])).toEqual([
      ["materialization", "model.p.m"],
      ["check_result", "test.p.t3"],
    ]);
  });

  it("a cycle deep in a 20,000-node graph: everything else is still produced, with the warning", () => {
    const size = 20_000;
    const chain = Array.from({ length: size }, (_, i) => ({
      name: `m${i}`,
      // m0 <- m1 <- … <- m19999, and m0 depends on m5: a cycle at the far end of the chain
      parents: i === 0 ? ["m5"] : [`m${i - 1}`],
    }));
    const ephemeral = Array.from({ length: size }, (_, i) => ({
      name: `e${i}`,
      parents: i === 0 ? [`m${size - 1}`] : [`e${i - 1}`],
      ephemeral: true,
    }));
    const manifest = manifestOf([...chain, ...ephemeral, { name: "tip", parents: [`e${size - 1}`] }]);
    const { warnings, logger } = recorder();
    const upstream = selectUniqueIds(manifest, { select: `+m${size - 1}`, logger });
    expect(upstream.size).toBe(size);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/cycle through model\.p\.m\d and model\.p\.m\d/);
    expect(selectUniqueIds(manifest, { select: "m3+" }).size).toBe(size + 1 + size);

    const specs = buildDbtSpecs(manifest);
    expect(specs.assetSpecs).toHaveLength(size + 1);
    // the tip resolves through 20,000 ephemeral models to its real parent, without recursion
    expect(specs.assetSpecs.at(-1)).toMatchObject({
      uniqueId: "model.p.tip",
      depUniqueIds: [`model.p.m${size - 1}`],
    });

    const run = runOf(manifest, () => 0.5);
    run.results = run.results.filter((r) => !r.unique_id.startsWith("model.p.e"));
    const summary = summarizeRunResults(run, manifest);
    expect(summary.total).toBe(size + 1);
    expect(summary.warnings).toHaveLength(1);
    expect(summary.warnings[0]).toMatch(/cycle through model\.p\.m\d and model\.p\.m\d/);
    // the longest chain runs up the whole chain and through the ephemeral models to the tip
    expect(summary.criticalPath.nodes.at(-1)?.uniqueId).toBe("model.p.tip");
    expect(summary.criticalPath.nodes.length).toBeGreaterThan(size - 10);
    expect(eventsFromRunResults(run, manifest)).toHaveLength(size + 1);
  });
});
