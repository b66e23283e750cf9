import { describe, expect, it } from "vitest";
import { buildDbtSpecs, DbtCloudTranslator } from "../src/index.js";
import { freshManifest, loadManifest } from "./support/artifacts.js";

const JAFFLE = "jaffle-shop-yu-iskw/v7-dbt1.3.0/manifest.json";

function names(specs: { assetSpecs: Array<{ key: readonly string[] }> }): string[] {
  return specs.assetSpecs.map((s) => s.key.join("/")).sort();
}

describe("buildDbtSpecs (dagster-dbt's selection matrix on jaffle_shop)", () => {
  const manifest = loadManifest(JAFFLE);

  it("selects everything by default: 8 assets, 20 checks", () => {
    const specs = buildDbtSpecs(manifest);
    expect(specs.assetSpecs).toHaveLength(8);
    expect(specs.checkSpecs).toHaveLength(20);
  });

  it.each([
    ["raw_customers stg_customers", "", ["raw_customers", "stg_customers"], 2],
    ["raw_customers+", "", ["customers", "raw_customers", "stg_customers"], 4],
    ["resource_type:model", "", ["customers", "orders", "stg_customers", "stg_orders", "stg_payments"], 20],
    ["raw_customers+,resource_type:model", "", ["customers", "stg_customers"], 4],
    [
      "",
      "orders",
      [
        "customers",
        "raw_customers",
        "raw_orders",
        "raw_payments",
        "stg_customers",
        "stg_orders",
        "stg_payments",
      ],
      10,
    ],
    ["", "raw_customers+", ["orders", "raw_orders", "raw_payments", "stg_orders", "stg_payments"], 15],
    [
      "",
      "raw_customers stg_customers",
      ["customers", "orders", "raw_orders", "raw_payments", "stg_orders", "stg_payments"],
      18,
    ],
    ["", "resource_type:model", ["raw_customers", "raw_orders", "raw_payments"], 0],
    [
      "",
      "tag:does-not-exist",
      [
        "customers",
        "orders",
        "raw_customers",
        "raw_orders",
        "raw_payments",
        "stg_customers",
        "stg_orders",
        "stg_payments",
      ],
      20,
    ],
  ])("select %j exclude %j", (select, exclude, expected, checks) => {
    const specs = buildDbtSpecs(manifest, { select, exclude });
    expect(names(specs)).toEqual(expected);
    expect(specs.checkSpecs).toHaveLength(checks);
  });

  it("resolves a YAML selector from manifest.selectors", () => {
    const withSelector = freshManifest(JAFFLE);
    withSelector.selectors = {
      raw_customer_child_models: {
        name: "raw_customer_child_models",
        definition: { method: "fqn", value: "raw_customers", children: true },
      },
    };
    const specs = buildDbtSpecs(withSelector, { selector: "raw_customer_child_models" });
    expect(names(specs)).toEqual(["customers", "raw_customers", "stg_customers"]);
    expect(specs.checkSpecs).toHaveLength(4);
  });

  it("drops tests excluded by tag from the checks", () => {
    const tagged = freshManifest(JAFFLE);
    const test = tagged.nodes["test.jaffle_shop.unique_orders_order_id.fed79b3a6e"];
    if (!test) throw new Error("fixture changed");
    test.tags = ["unit-test"];
    if (test.config) test.config.tags = ["unit-test"];
    const specs = buildDbtSpecs(tagged, { exclude: "tag:unit-test" });
    expect(specs.assetSpecs).toHaveLength(8);
    expect(specs.checkSpecs).toHaveLength(19);
    expect(specs.checkSpecs.some((c) => c.uniqueId === test.unique_id)).toBe(false);
  });

  it("passes the translator through", () => {
    const specs = buildDbtSpecs(manifest, {
      select: "orders",
      translator: new DbtCloudTranslator({ getAssetKey: (props) => ["x", props.name ?? ""] }),
    });
    expect(specs.assetSpecs.map((s) => s.key)).toEqual([["x", "orders"]]);
    expect(specs.assetSpecs[0]?.deps).toEqual([
      ["x", "stg_orders"],
      ["x", "stg_payments"],
    ]);
  });
});
