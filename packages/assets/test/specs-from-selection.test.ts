import { describe, expect, it } from "vitest";
import { DbtCloudTranslator, DbtDuplicateAssetKeyError } from "../src/index.js";
import { buildSpecsFromSelection } from "../src/specs/build-specs-from-selection.js";
import { rebuildChildMap } from "../src/specs/graph.js";
import { allIds, freshManifest, loadManifest } from "./support/artifacts.js";

const JAFFLE = "jaffle-shop-yu-iskw/v7-dbt1.3.0/manifest.json";
const DEFER = "dbt-core-state/defer-state/manifest.json";
const BOUNCER = "dbt-bouncer/dbt1.11.2-build/manifest.json";

describe("buildSpecsFromSelection on jaffle_shop (v7)", () => {
  const manifest = loadManifest(JAFFLE);
  const specs = buildSpecsFromSelection(manifest, allIds(manifest));

  it("makes 8 assets (3 seeds, 5 models) and 20 checks, as dagster-dbt does", () => {
    expect(specs.assetSpecs).toHaveLength(8);
    expect(specs.assetSpecs.map((s) => s.resourceType).sort()).toEqual([
      "model",
      "model",
      "model",
      "model",
      "model",
      "seed",
      "seed",
      "seed",
    ]);
    expect(specs.checkSpecs).toHaveLength(20);
    expect(specs.externalSpecs).toEqual([]);
  });

  it("keys models by [name] and links deps by key", () => {
    const customers = specs.assetSpecs.find((s) => s.uniqueId === "model.jaffle_shop.customers");
    expect(customers?.key).toEqual(["customers"]);
    expect(customers?.deps).toEqual([["stg_customers"], ["stg_orders"], ["stg_payments"]]);
    expect(customers?.kinds).toEqual(["dbtcloud", "bigquery"]);
    expect(customers?.metadata.unique_id).toBe("model.jaffle_shop.customers");
    expect(customers?.metadata.materialization).toBe("table");
    expect(customers?.metadata.relation_name).toBe("`database`.`schema`.`customers`");
    expect(customers?.description).toMatch(/^This table has basic information about a customer/);
    expect(customers?.description).toContain("#### Raw SQL:\n```sql\nwith customers as");
    expect(customers?.codeVersion).toBe(manifest.nodes["model.jaffle_shop.customers"]?.checksum?.checksum);
    expect(customers?.codeVersion).toMatch(/^[0-9a-f]{64}$/);
    const columns = customers?.metadata.columns as Array<{ name: string; type: string }>;
    expect(columns.map((c) => c.name)).toContain("customer_id");
  });

  it("attaches v7 generic tests (no attached_node) to their model, relationships to the referencing model", () => {
    const relationships = specs.checkSpecs.find((c) => c.name.startsWith("relationships_orders_customer_id"));
    expect(relationships?.asset).toEqual(["orders"]);
    expect(relationships?.additionalDeps).toEqual([["customers"]]);
    expect(relationships?.blocking).toBe(true);
    const perAsset = new Map<string, number>();
    for (const check of specs.checkSpecs)
      perAsset.set(check.asset.join("/"), (perAsset.get(check.asset.join("/")) ?? 0) + 1);
    expect(Object.fromEntries(perAsset)).toEqual({
      customers: 2,
      orders: 10,
      stg_customers: 2,
      stg_orders: 3,
      stg_payments: 3,
    });
  });

  it("only builds checks for selected tests attached to selected assets", () => {
    const selected = new Set([
      "model.jaffle_shop.orders",
      ...Object.keys(manifest.nodes).filter((id) => id.startsWith("test.")),
    ]);
    const subset = buildSpecsFromSelection(manifest, selected);
    expect(subset.assetSpecs.map((s) => s.key)).toEqual([["orders"]]);
    expect(subset.checkSpecs.every((c) => c.asset.join("/") === "orders")).toBe(true);
    expect(subset.checkSpecs).toHaveLength(10);
    const noTests = buildSpecsFromSelection(manifest, new Set(["model.jaffle_shop.orders"]));
    expect(noTests.checkSpecs).toEqual([]);
  });
});

describe("buildSpecsFromSelection on dbt-core's defer_state manifest (v12)", () => {
  const manifest = loadManifest(DEFER);
  const specs = buildSpecsFromSelection(manifest, allIds(manifest), {
    externalResourceTypes: ["exposure", "metric", "semantic_model", "saved_query"],
  });

  it("skips ephemeral models and traverses them to their real parents", () => {
    expect(specs.assetSpecs.find((s) => s.uniqueId === "model.test.ephemeral")).toBeUndefined();
    const children = Object.values(manifest.nodes).filter((n) =>
      n.depends_on?.nodes?.includes("model.test.ephemeral"),
    );
    expect(children.length).toBeGreaterThan(0);
    for (const child of children) {
      const spec = specs.assetSpecs.find((s) => s.uniqueId === child.unique_id);
      if (!spec) continue;
      expect(spec.depUniqueIds).not.toContain("model.test.ephemeral");
      for (const parent of manifest.nodes["model.test.ephemeral"]?.depends_on?.nodes ?? []) {
        expect(spec.depUniqueIds).toContain(parent);
      }
    }
  });

  it("keys by configured schema, returns sources as external specs keyed [source_name, name]", () => {
    const lots = specs.assetSpecs.find((s) => s.uniqueId === "model.test.model_with_lots_of_schema_configs");
    expect(lots?.key).toEqual(["test", "model_with_lots_of_schema_configs"]);
    expect(lots?.tags).toEqual({ string_tag: "" });
    const source = specs.externalSpecs.find((s) => s.resourceType === "source");
    expect(source?.key).toEqual(["my_source", "my_table"]);
    expect(source?.external).toBe(true);
    expect(source?.codeVersion).toBeUndefined();
  });

  it("returns requested exposures / metrics / semantic models / saved queries as external specs", () => {
    const types = new Set(specs.externalSpecs.map((s) => s.resourceType));
    expect(types).toEqual(new Set(["source", "exposure", "metric", "semantic_model", "saved_query"]));
    const exposure = specs.externalSpecs.find((s) => s.resourceType === "exposure");
    expect(exposure?.depUniqueIds).toEqual(["model.test.incremental"]);
    const metric = specs.externalSpecs.find((s) => s.uniqueId === "metric.test.discrete_order_value_p99");
    expect(metric?.depUniqueIds).toEqual(["model.test.outer"]);
  });

  it("uses the dbt group's owner e-mail and group name", () => {
    const grouped = specs.assetSpecs.find((s) => s.group === "finance");
    expect(grouped?.owners).toEqual(["finance@jaffleshop.com"]);
  });

  it("reports unit tests separately with the model under test", () => {
    expect(specs.unitTests.length).toBe(2);
    const unit = specs.unitTests.find((u) => u.name === "test_model_to_unit_test");
    expect(unit?.modelUniqueId).toBe("model.test.model_to_unit_test");
    expect(unit?.asset).toEqual(
      specs.assetSpecs.find((s) => s.uniqueId === "model.test.model_to_unit_test")?.key,
    );
  });

  it("marks warn-severity tests as non-blocking", () => {
    const severities = new Map(Object.values(manifest.nodes).map((n) => [n.unique_id, n.config?.severity]));
    for (const check of specs.checkSpecs) {
      expect(check.blocking).toBe(String(severities.get(check.uniqueId)).toLowerCase() === "error");
    }
  });
});

describe("test attachment", () => {
  it("uses meta.dagster.ref for a singular test with several parents, and skips it without a hint", () => {
    const manifest = freshManifest(DEFER);
    const test = manifest.nodes["test.test.t"];
    if (!test) throw new Error("fixture changed");
    test.depends_on = { nodes: ["model.test.outer", "model.test.incremental"], macros: [] };
    const childMap = manifest.child_map ?? {};
    childMap["model.test.outer"] = [...(childMap["model.test.outer"] ?? []), "test.test.t"];
    childMap["model.test.incremental"] = [...(childMap["model.test.incremental"] ?? []), "test.test.t"];
    const unhinted = buildSpecsFromSelection(manifest, allIds(manifest));
    expect(unhinted.checkSpecs.find((c) => c.uniqueId === "test.test.t")).toBeUndefined();

    test.config = { ...test.config, meta: { dagster: { ref: { name: "incremental" } } } };
    const hinted = buildSpecsFromSelection(manifest, allIds(manifest));
    const check = hinted.checkSpecs.find((c) => c.uniqueId === "test.test.t");
    expect(check?.assetUniqueId).toBe("model.test.incremental");
    expect(check?.additionalDeps).toEqual([
      hinted.assetSpecs.find((s) => s.uniqueId === "model.test.outer")?.key,
    ]);
    expect(check?.blocking).toBe(false);
  });
});

describe("child_map", () => {
  it("is rebuilt from depends_on with the same edges as dbt's", () => {
    const manifest = loadManifest(BOUNCER);
    const rebuilt = rebuildChildMap(manifest);
    for (const [id, children] of Object.entries(manifest.child_map ?? {})) {
      expect(new Set(rebuilt[id] ?? []), id).toEqual(new Set(children));
    }
  });

  it("gives the same checks when the manifest has no child_map (early dbt Fusion)", () => {
    const manifest = freshManifest(BOUNCER);
    const withMap = buildSpecsFromSelection(manifest, allIds(manifest));
    delete manifest.child_map;
    const without = buildSpecsFromSelection(manifest, allIds(manifest));
    expect(without.checkSpecs.map((c) => c.uniqueId).sort()).toEqual(
      withMap.checkSpecs.map((c) => c.uniqueId).sort(),
    );
    expect(withMap.checkSpecs.length).toBeGreaterThan(30);
  });
});

describe("keys", () => {
  it("keys versioned models by alias", () => {
    const manifest = loadManifest(BOUNCER);
    const specs = buildSpecsFromSelection(manifest, allIds(manifest));
    const v2 = specs.assetSpecs.find((s) => s.uniqueId === "model.dbt_bouncer_test_project.customers.v2");
    expect(v2?.key).toEqual([manifest.nodes["model.dbt_bouncer_test_project.customers.v2"]?.alias]);
  });

  it("honours meta.dagster.asset_key and fails on duplicates naming both files", () => {
    const manifest = freshManifest(JAFFLE);
    const orders = manifest.nodes["model.jaffle_shop.orders"];
    const customers = manifest.nodes["model.jaffle_shop.customers"];
    if (!orders || !customers) throw new Error("fixture changed");
    orders.meta = { dagster: { asset_key: ["mart", "shared"] } };
    customers.meta = { dagster: { asset_key: ["mart", "shared"] } };
    const error = (() => {
      try {
        buildSpecsFromSelection(manifest, allIds(manifest));
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(DbtDuplicateAssetKeyError);
    const message = (error as Error).message;
    expect(message).toContain("mart/shared");
    expect(message).toContain("models/orders.sql");
    expect(message).toContain("models/customers.sql");
  });
});

describe("code versions", () => {
  it("use dbt's file checksum, else sha1 of the raw code", async () => {
    const { createHash } = await import("node:crypto");
    const manifest = freshManifest(JAFFLE);
    const orders = manifest.nodes["model.jaffle_shop.orders"];
    if (!orders?.raw_code) throw new Error("fixture changed");
    orders.checksum = { name: "none", checksum: "" };
    const specs = buildSpecsFromSelection(manifest, allIds(manifest));
    const spec = specs.assetSpecs.find((s) => s.uniqueId === orders.unique_id);
    expect(spec?.codeVersion).toBe(createHash("sha1").update(orders.raw_code).digest("hex"));
  });
});

describe("DbtCloudTranslator hooks", () => {
  const manifest = loadManifest(JAFFLE);

  it("accepts an object of hooks that can call the defaults", () => {
    const translator = new DbtCloudTranslator({
      getAssetKey: (props, context, base) => ["warehouse", ...base.getAssetKey(props, context)],
      getGroupName: (props) => (props.resource_type === "seed" ? "raw" : "marts"),
    });
    const specs = buildSpecsFromSelection(manifest, allIds(manifest), { translator });
    const orders = specs.assetSpecs.find((s) => s.uniqueId === "model.jaffle_shop.orders");
    expect(orders?.key).toEqual(["warehouse", "orders"]);
    expect(orders?.group).toBe("marts");
    expect(orders?.deps).toContainEqual(["warehouse", "stg_orders"]);
    expect(specs.checkSpecs.every((c) => c.asset[0] === "warehouse")).toBe(true);
  });

  it("can be subclassed, and a check hook returning null drops the check", () => {
    class Custom extends DbtCloudTranslator {
      override getKinds(): string[] {
        return ["dbtcloud", "custom"];
      }
      override getCheckSpec(...args: Parameters<DbtCloudTranslator["getCheckSpec"]>) {
        const spec = super.getCheckSpec(...args);
        return spec?.name.startsWith("not_null") ? null : spec;
      }
    }
    const specs = buildSpecsFromSelection(manifest, allIds(manifest), { translator: new Custom() });
    expect(specs.assetSpecs[0]?.kinds).toEqual(["dbtcloud", "custom"]);
    expect(specs.checkSpecs.some((c) => c.name.startsWith("not_null"))).toBe(false);
    expect(specs.checkSpecs.length).toBeGreaterThan(0);
  });

  it("drops raw SQL from descriptions and checks when the settings say so", () => {
    const translator = new DbtCloudTranslator({}, { includeRawSql: false, enableAssetChecks: false });
    const specs = buildSpecsFromSelection(manifest, allIds(manifest), { translator });
    expect(specs.assetSpecs.some((s) => s.description?.includes("Raw SQL"))).toBe(false);
    expect(specs.checkSpecs).toEqual([]);
  });
});
