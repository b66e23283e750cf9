import { describe, expect, it } from "vitest";
import { DbtSelectionError, type DbtSelectorExpression, selectUniqueIds } from "../../src/index.js";
import { assetNames, jaffleShopManifest, testNames } from "./jaffle-fixture.js";

function withSelectors(definitions: Record<string, DbtSelectorExpression>) {
  const manifest = jaffleShopManifest();
  manifest.selectors = Object.fromEntries(
    Object.entries(definitions).map(([name, definition]) => [name, { name, definition }]),
  );
  return manifest;
}

const assets = (definitions: Record<string, DbtSelectorExpression>, selector = "s") => {
  const manifest = withSelectors(definitions);
  return assetNames(manifest, selectUniqueIds(manifest, { selector }));
};

describe("YAML selectors from manifest.selectors", () => {
  it("string definitions use CLI syntax", () => {
    expect(assets({ s: "raw_customers+" })).toEqual(["customers", "raw_customers", "stg_customers"]);
  });

  it("union with a nested exclude, intersection, and single-key method dicts", () => {
    expect(
      assets({ s: { union: ["stg_orders", { resource_type: "seed" }, { exclude: ["raw_orders"] }] } }),
    ).toEqual(["raw_customers", "raw_payments", "stg_orders"]);
    expect(
      assets({ s: { intersection: [{ method: "path", value: "models/staging" }, "+stg_orders"] } }),
    ).toEqual(["stg_orders"]);
  });

  it("parents, children, depths and childrens_parents", () => {
    expect(assets({ s: { method: "fqn", value: "stg_customers", parents: true } })).toEqual([
      "raw_customers",
      "stg_customers",
    ]);
    expect(
      assets({ s: { method: "fqn", value: "raw_payments", children: true, children_depth: 1 } }),
    ).toEqual(["raw_payments", "stg_payments"]);
    expect(assets({ s: { method: "fqn", value: "raw_payments", children: true } })).toEqual([
      "customers",
      "orders",
      "raw_payments",
      "stg_payments",
    ]);
    // @stg_customers: its descendants (customers and the tests below it, incl. the relationships test
    // on customers and orders) and every ancestor of those, so orders comes in through that test
    expect(assets({ s: { method: "fqn", value: "stg_customers", childrens_parents: true } })).toEqual([
      "customers",
      "orders",
      "raw_customers",
      "raw_orders",
      "raw_payments",
      "stg_customers",
      "stg_orders",
      "stg_payments",
    ]);
  });

  it("a method dict with its own exclude list", () => {
    expect(
      assets({
        s: { method: "resource_type", value: "model", exclude: ["tag:none", "path:models/staging"] },
      }),
    ).toEqual(["customers", "orders"]);
  });

  it("indirect_selection in a definition overrides the option", () => {
    const manifest = withSelectors({
      eager: { method: "fqn", value: "customers" },
      empty: { method: "fqn", value: "customers", indirect_selection: "empty" },
      cautious: { method: "fqn", value: "customers", indirect_selection: "cautious" },
    });
    expect(testNames(manifest, selectUniqueIds(manifest, { selector: "eager" }))).toHaveLength(3);
    expect(testNames(manifest, selectUniqueIds(manifest, { selector: "empty" }))).toEqual([]);
    expect(testNames(manifest, selectUniqueIds(manifest, { selector: "cautious" }))).toEqual([
      "not_null_customers_customer_id",
      "unique_customers_customer_id",
    ]);
    expect(
      testNames(manifest, selectUniqueIds(manifest, { selector: "eager", indirectSelection: "empty" })),
    ).toEqual([]);
  });

  it("method: selector refers to another selector", () => {
    expect(
      assets({
        s: { union: [{ method: "selector", value: "seeds" }, "orders"] },
        seeds: "resource_type:seed",
      }),
    ).toEqual(["orders", "raw_customers", "raw_orders", "raw_payments"]);
  });

  it("accepts select fqn:* (dagster-dbt's default) next to a selector", () => {
    const manifest = jaffleShopManifest();
    const ids = selectUniqueIds(manifest, { select: "fqn:*", selector: "raw_customer_child_models" });
    expect(assetNames(manifest, ids)).toEqual(["customers", "stg_customers"]);
  });
});

describe("YAML selector errors", () => {
  const failure = (definitions: Record<string, DbtSelectorExpression>, selector = "s"): string => {
    try {
      selectUniqueIds(withSelectors(definitions), { selector });
    } catch (error) {
      if (error instanceof DbtSelectionError) return error.message;
      throw error;
    }
    throw new Error("expected a DbtSelectionError");
  };

  it("names the unknown selector and the defined ones", () => {
    expect(failure({ a: "orders", b: "customers" }, "c")).toBe(
      'selector "c" is not defined in the manifest\'s selectors; defined selectors are a, b.',
    );
    expect(failure({}, "c")).toContain("the manifest defines none");
  });

  it("rejects combining selector with a custom select or an exclude", () => {
    const manifest = jaffleShopManifest();
    expect(() =>
      selectUniqueIds(manifest, { selector: "raw_customer_child_models", select: "orders" }),
    ).toThrow(/cannot be combined with select or exclude/);
    expect(() =>
      selectUniqueIds(manifest, { selector: "raw_customer_child_models", exclude: "orders" }),
    ).toThrow(DbtSelectionError);
  });

  it("reports malformed definitions", () => {
    expect(failure({ s: { union: ["orders"], intersection: ["customers"] } })).toContain(
      'only a single "union" or "intersection" key is allowed',
    );
    expect(failure({ s: { union: [{ exclude: ["a"] }, { exclude: ["b"] }] } })).toContain(
      'only one "exclude"',
    );
    expect(failure({ s: { method: "fqn", parents: true } })).toContain(
      'expected either one key or "method" and "value"',
    );
    expect(failure({ s: { colour: "red" } })).toContain('"colour" is not a valid selector method');
    expect(failure({ s: { method: "fqn", value: "orders", parents_depth: -1 } })).toContain(
      "non-negative integer",
    );
    expect(
      failure({ s: { method: "fqn", value: "orders", indirect_selection: "lazy" as "eager" } }),
    ).toContain('indirect selection "lazy" is not valid');
    expect(
      failure({ s: { method: "selector", value: "t" }, t: { method: "selector", value: "s" } }),
    ).toContain('selector "s" refers to itself through s -> t -> s');
  });
});
