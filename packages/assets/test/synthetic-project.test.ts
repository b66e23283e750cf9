import { describe, expect, it } from "vitest";
import { generateSyntheticProject } from "../bench/synthetic-project.js";
import { eventsFromRunResults, parseManifest, parseRunResults, summarizeRunResults } from "../src/index.js";
import { buildSpecsFromSelection } from "../src/specs/build-specs-from-selection.js";

describe("the bench's synthetic project", () => {
  const { manifest, runResults } = generateSyntheticProject({ nodes: 1000, seed: 7 });
  const parsed = parseManifest(manifest);
  const all = new Set([
    ...Object.keys(parsed.nodes),
    ...Object.keys(parsed.sources),
    ...Object.keys(parsed.exposures ?? {}),
  ]);

  it("is a valid manifest and run_results of about the requested size", () => {
    expect(all.size).toBeGreaterThanOrEqual(950);
    expect(all.size).toBeLessThanOrEqual(1050);
    expect(() => parseRunResults(runResults)).not.toThrow();
  });

  it("has a layered DAG, tests on most models, ephemeral models, several packages, tags and exposures", () => {
    const nodes = Object.values(parsed.nodes);
    const models = nodes.filter((n) => n.resource_type === "model");
    const tests = nodes.filter((n) => n.resource_type === "test");
    const tested = new Set(tests.map((t) => t.attached_node));
    const realModels = models.filter((m) => m.config?.materialized !== "ephemeral");
    expect(realModels.filter((m) => tested.has(m.unique_id)).length / realModels.length).toBeGreaterThan(0.7);
    expect(models.some((m) => m.config?.materialized === "ephemeral")).toBe(true);
    expect(new Set(models.map((m) => m.package_name)).size).toBeGreaterThan(2);
    expect(models.filter((m) => (m.tags ?? []).length > 0).length).toBeGreaterThan(models.length / 2);
    expect(Object.keys(parsed.exposures ?? {}).length).toBeGreaterThan(0);
    // Layered: following depends_on never loops (every model's parents come from earlier layers).
    const order = new Map(models.map((m, i) => [m.unique_id, i]));
    for (const m of models) {
      for (const p of m.depends_on?.nodes ?? [])
        if (order.has(p)) expect(order.get(p)).toBeLessThan(order.get(m.unique_id) ?? -1);
    }
  });

  it("goes through specs, events and summary", () => {
    const specs = buildSpecsFromSelection(parsed, all);
    expect(specs.assetSpecs.length).toBeGreaterThan(300);
    expect(specs.checkSpecs.length).toBeGreaterThan(300);
    const events = eventsFromRunResults(parseRunResults(runResults), parsed, { specs });
    expect(events.length).toBeGreaterThan(600);
    const summary = summarizeRunResults(parseRunResults(runResults), parsed);
    expect(summary.criticalPath.nodes.length).toBeGreaterThan(3);
  });
});
