import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { summarizeRunResults } from "../src/index.js";
import { ARTIFACTS_DIR, loadManifest, loadRunResults } from "./support/artifacts.js";

describe("summarizeRunResults", () => {
  it("counts by status and resource type and lists failures with messages, relations and files", () => {
    const manifest = loadManifest("adinsight360/run-error-skip/manifest.json");
    const summary = summarizeRunResults(
      loadRunResults("adinsight360/run-error-skip/run_results.json"),
      manifest,
    );
    expect(summary.total).toBe(2);
    expect(summary.byStatus).toEqual({ error: 1, skipped: 1 });
    expect(summary.byResourceType).toEqual({ model: { error: 1, skipped: 1 } });
    expect(summary.failed).toHaveLength(1);
    expect(summary.failed[0]).toMatchObject({
      uniqueId: "model.adinsight.stg_reddit_posts",
      name: "stg_reddit_posts",
      resourceType: "model",
      status: "error",
      relationName: "ADINSIGHT_DB.public_analytics.stg_reddit_posts",
      originalFilePath: "models/staging/stg_reddit_posts.sql",
    });
    expect(summary.failed[0]?.message).toMatch(/^Database Error in model stg_reddit_posts/);
    expect(summary.skipped).toEqual(["model.adinsight.marketing_insights"]);
    // The skipped model has no timing, so it is not on the timeline.
    expect(summary.timeline.map((t) => t.uniqueId)).toEqual(["model.adinsight.stg_reddit_posts"]);
  });

  it("lists warnings with failed row counts and the slowest nodes, slowest first", () => {
    const manifest = loadManifest("tuva/v7-dbt1.3.1-build-warn/manifest.json");
    const runResults = loadRunResults("tuva/v7-dbt1.3.1-build-warn/run_results.json");
    const summary = summarizeRunResults(runResults, manifest, { slowest: 5 });
    expect(summary.total).toBe(260);
    expect(summary.byStatus).toEqual({ success: 216, pass: 40, warn: 4 });
    expect(summary.byResourceType).toEqual({
      model: { success: 153 },
      seed: { success: 61 },
      test: { pass: 40, warn: 4 },
      snapshot: { success: 2 },
    });
    expect(summary.warned.map((w) => w.failures).sort((a, b) => (a ?? 0) - (b ?? 0))).toEqual([
      23, 36, 187, 75098,
    ]);
    expect(summary.slowest).toHaveLength(5);
    const times = runResults.results.map((r) => r.execution_time ?? 0).sort((a, b) => b - a);
    expect(summary.slowest.map((s) => s.executionTime)).toEqual(times.slice(0, 5));
    expect(summary.elapsedSeconds).toBe(runResults.elapsed_time);
  });

  it("finds the critical path along depends_on: each node depends on the previous one", () => {
    const manifest = loadManifest("tuva/v7-dbt1.3.1-build-warn/manifest.json");
    const runResults = loadRunResults("tuva/v7-dbt1.3.1-build-warn/run_results.json");
    const summary = summarizeRunResults(runResults, manifest);
    const path = summary.criticalPath;
    expect(path.method).toBe("dependencies");
    expect(path.nodes.length).toBeGreaterThan(2);
    const inRun = new Set(runResults.results.map((r) => r.unique_id));
    const ancestorsInRun = (id: string): Set<string> => {
      const out = new Set<string>();
      const stack = [...(manifest.nodes[id]?.depends_on?.nodes ?? [])];
      while (stack.length > 0) {
        const p = stack.pop() as string;
        if (inRun.has(p)) out.add(p);
        else stack.push(...(manifest.nodes[p]?.depends_on?.nodes ?? []));
      }
      return out;
    };
    for (let i = 1; i < path.nodes.length; i++) {
      expect(
        ancestorsInRun(path.nodes[i]?.uniqueId as string).has(path.nodes[i - 1]?.uniqueId as string),
      ).toBe(true);
    }
    expect(path.timeline.map((t) => t.uniqueId)).toEqual(path.nodes.map((n) => n.uniqueId));
    for (let i = 1; i < path.timeline.length; i++) {
      const prev = path.timeline[i - 1];
      const next = path.timeline[i];
      if (!prev || !next) throw new Error("missing timeline entry");
      // A node starts only after the node it waited for finished.
      expect(next.startOffsetSeconds).toBeGreaterThanOrEqual(
        prev.startOffsetSeconds + prev.durationSeconds - 1e-6,
      );
    }
    const sum = path.nodes.reduce((s, n) => s + n.executionTime, 0);
    expect(path.totalSeconds).toBeCloseTo(sum, 9);
    // No chain of the run is longer: brute force over every node.
    const finish = new Map<string, number>();
    const longest = (id: string): number => {
      const known = finish.get(id);
      if (known !== undefined) return known;
      let best = 0;
      for (const p of ancestorsInRun(id)) best = Math.max(best, longest(p));
      const value = best + (runResults.results.find((r) => r.unique_id === id)?.execution_time ?? 0);
      finish.set(id, value);
      return value;
    };
    const max = Math.max(...[...inRun].map(longest));
    expect(path.totalSeconds).toBeCloseTo(max, 9);
  });

  it("without a manifest, names come from unique ids and the critical path from timing", () => {
    const runResults = JSON.parse(
      readFileSync(`${ARTIFACTS_DIR}datahub-jaffle-shop/jaffle_shop_test_results.json`, "utf8"),
    );
    const summary = summarizeRunResults(runResults);
    expect(summary.byStatus).toEqual({ pass: 21, fail: 1, error: 2 });
    expect(summary.failed.map((f) => f.status).sort()).toEqual(["error", "error", "fail"]);
    expect(summary.failed.every((f) => f.resourceType === "test" && !f.name.includes("."))).toBe(true);
    expect(summary.criticalPath.method).toBe("timing");
    const path = summary.criticalPath.nodes.map((n) =>
      summary.timeline.find((t) => t.uniqueId === n.uniqueId),
    );
    for (let i = 1; i < path.length; i++) {
      const prev = path[i - 1];
      const next = path[i];
      if (!prev || !next) throw new Error("critical path node missing from timeline");
      expect(prev.startOffsetSeconds + prev.durationSeconds).toBeLessThanOrEqual(
        next.startOffsetSeconds + 1e-9,
      );
    }
    expect(summary.timeline[0]?.startOffsetSeconds).toBe(0);
  });

  it("reads dbt Fusion's nanosecond timestamps", () => {
    const summary = summarizeRunResults(
      loadRunResults("dbt-bouncer/fusion2.0.0-beta.2-build/run_results.json"),
    );
    expect(summary.timeline.length).toBe(62);
    expect(summary.startedAt).toMatch(/^2026-08-20T13:47:12\.\d{3}Z$/);
    expect(summary.timeline.every((t) => t.durationSeconds >= 0)).toBe(true);
  });
});
