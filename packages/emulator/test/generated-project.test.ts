import { parseManifest, selectUniqueIds } from "@dbt-cloud-kit/assets";
import { describe, expect, it } from "vitest";
import { parseDbtCommand } from "../src/dbt/command.js";
import { executeDbtCommand } from "../src/dbt/execute-step.js";
import { generateProjectManifest } from "../src/index.js";

describe("the generated dbt project", () => {
  const manifest = generateProjectManifest();

  it("is a manifest v12 with about 30 nodes of every resource type", () => {
    expect(manifest.metadata.dbt_schema_version).toBe("https://schemas.getdbt.com/dbt/manifest/v12.json");
    expect(manifest.metadata.adapter_type).toBe("postgres");
    const count = (type: string) =>
      Object.values(manifest.nodes).filter((n) => n.resource_type === type).length;
    expect({
      model: count("model"),
      seed: count("seed"),
      snapshot: count("snapshot"),
      test: count("test"),
      analysis: count("analysis"),
      sources: Object.keys(manifest.sources).length,
      exposures: Object.keys(manifest.exposures ?? {}).length,
      unit_tests: Object.keys(manifest.unit_tests ?? {}).length,
    }).toEqual({
      model: 8,
      seed: 2,
      snapshot: 1,
      test: 12,
      analysis: 1,
      sources: 3,
      exposures: 1,
      unit_tests: 1,
    });
    const materializations = new Set(Object.values(manifest.nodes).map((n) => n.config?.materialized));
    expect(materializations).toEqual(
      new Set(["seed", "view", "ephemeral", "table", "incremental", "snapshot", "test"]),
    );
    const singular = Object.values(manifest.nodes).filter(
      (n) => n.resource_type === "test" && !("test_metadata" in n),
    );
    expect(singular.length).toBe(2);
  });

  it("parent_map and child_map mirror depends_on, and the assets parser and selector accept it", () => {
    for (const [id, parents] of Object.entries(manifest.parent_map ?? {})) {
      for (const parent of parents) expect(manifest.child_map?.[parent]).toContain(id);
    }
    expect(manifest.parent_map?.["model.emulated_shop.orders"]).toEqual([
      "model.emulated_shop.int_order_payments",
      "model.emulated_shop.stg_orders",
    ]);
    const parsed = parseManifest(JSON.stringify(manifest));
    expect(Object.keys(parsed.nodes).length).toBe(Object.keys(manifest.nodes).length);
    const downstream = selectUniqueIds(parsed, { select: "stg_payments+" });
    expect(downstream.has("exposure.emulated_shop.weekly_revenue_dashboard")).toBe(true);
  });

  it("is deterministic", () => {
    expect(JSON.stringify(generateProjectManifest())).toBe(JSON.stringify(manifest));
  });
});

describe("executing a dbt command", () => {
  const manifest = generateProjectManifest();
  const all = [...Object.keys(manifest.nodes), ...Object.keys(manifest.unit_tests ?? {})].filter(
    (id) => !id.startsWith("analysis.") && id !== "model.emulated_shop.int_order_payments",
  );
  const run = (command: string, failNodes: string[] = [], warnNodes: string[] = [], threads = 4) =>
    executeDbtCommand({
      manifest,
      command: parseDbtCommand(command),
      selected: all,
      failNodes: new Set(failNodes),
      warnNodes: new Set(warnNodes),
      threads,
      seed: "unit",
    });

  it("orders nodes after their parents (through the ephemeral model) and spreads them over threads", () => {
    const exec = run("dbt build");
    const at = new Map(exec.results.map((r) => [r.uniqueId, r]));
    const orders = at.get("model.emulated_shop.orders")!;
    const stgPayments = at.get("model.emulated_shop.stg_payments")!;
    expect(orders.startMs).toBeGreaterThanOrEqual(stgPayments.endMs);
    expect(new Set(exec.results.map((r) => r.thread)).size).toBeGreaterThan(1);
    expect(exec.durationMs).toBeGreaterThan(Math.max(...exec.results.map((r) => r.endMs)));
    const single = run("dbt build", [], [], 1);
    expect(single.durationMs).toBeGreaterThan(exec.durationMs);
  });

  it("an error in a model skips every descendant, tests included", () => {
    const exec = run("dbt build", ["model.emulated_shop.stg_orders"]);
    const status = new Map(exec.results.map((r) => [r.uniqueId, r.status]));
    expect(status.get("model.emulated_shop.stg_orders")).toBe("error");
    expect(status.get("model.emulated_shop.orders")).toBe("skipped");
    expect(status.get("model.emulated_shop.customer_segments")).toBe("skipped");
    expect(status.get("unit_test.emulated_shop.customer_segments.test_segment_thresholds")).toBe("skipped");
    expect(status.get("model.emulated_shop.stg_customers")).toBe("success");
    expect(exec.status).toBe("error");
  });

  it("warn-severity tests warn even when configured to fail, and warnings keep the step successful", () => {
    const exec = run(
      "dbt test",
      [],
      ["unique_orders_order_id"].map((n) => Object.keys(manifest.nodes).find((id) => id.includes(n))!),
    );
    expect(exec.status).toBe("success");
    expect(exec.results.filter((r) => r.status === "warn").length).toBe(1);
    const severityWarn = Object.keys(manifest.nodes).find((id) =>
      id.includes("accepted_values_orders_status"),
    )!;
    const failing = run("dbt test", [severityWarn]);
    expect(failing.results.find((r) => r.uniqueId === severityWarn)?.status).toBe("warn");
    expect(failing.status).toBe("success");
  });

  it("commands without run_results, and unknown commands", () => {
    expect(run("dbt parse")).toMatchObject({ status: "success", writesRunResults: false, results: [] });
    expect(run("dbt source freshness")).toMatchObject({
      writesSources: true,
      freshness: Object.keys(manifest.sources),
    });
    expect(run("dbt docs generate")).toMatchObject({ writesCatalog: true, writesRunResults: true });
    expect(run("dbt explode")).toMatchObject({ status: "error", errorMessage: "No such command 'explode'." });
  });

  it("parses dbt command lines", () => {
    expect(
      parseDbtCommand('dbt --debug build -s "tag:nightly" stg_orders+ --exclude x --full-refresh'),
    ).toMatchObject({
      subcommand: "build",
      select: ["tag:nightly", "stg_orders+"],
      exclude: ["x"],
      fullRefresh: true,
    });
    expect(parseDbtCommand("dbt docs generate")).toMatchObject({ subcommand: "docs generate", select: [] });
    expect(parseDbtCommand("dbt run --selector nightly")).toMatchObject({
      subcommand: "run",
      selector: "nightly",
    });
  });
});
