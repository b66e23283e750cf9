import { describe, expect, it } from "vitest";
import { type DbtManifestNode, selectUniqueIds } from "../../src/index.js";
import { assetNames, jaffleShopManifest, testNames } from "./jaffle-fixture.js";

const RELATIONSHIPS = "relationships_orders_customer_id__customer_id__ref_customers_";

/** jaffle_shop plus a test on customers and stg_customers (its parent), to tell buildable from cautious. */
function manifestWithBuildableTest() {
  const manifest = jaffleShopManifest();
  const template = manifest.nodes[
    "test.jaffle_shop.unique_customers_customer_id.c5af1ff4b1"
  ] as DbtManifestNode;
  const id = "test.jaffle_shop.customers_match_staging.0000000000";
  manifest.nodes[id] = {
    ...template,
    unique_id: id,
    name: "customers_match_staging",
    fqn: ["jaffle_shop", "customers_match_staging"],
    depends_on: { nodes: ["model.jaffle_shop.customers", "model.jaffle_shop.stg_customers"] },
  };
  return manifest;
}

describe("indirect test selection modes", () => {
  it("eager (default) takes every test with a selected parent", () => {
    const manifest = manifestWithBuildableTest();
    const tests = testNames(manifest, selectUniqueIds(manifest, { select: "customers" }));
    expect(tests).toEqual([
      "customers_match_staging",
      "not_null_customers_customer_id",
      RELATIONSHIPS,
      "unique_customers_customer_id",
    ]);
  });

  it("cautious takes only tests whose parents are all selected, also across union members", () => {
    const manifest = manifestWithBuildableTest();
    const one = selectUniqueIds(manifest, { select: "customers", indirectSelection: "cautious" });
    expect(testNames(manifest, one)).toEqual([
      "not_null_customers_customer_id",
      "unique_customers_customer_id",
    ]);
    const both = selectUniqueIds(manifest, { select: "customers orders", indirectSelection: "cautious" });
    expect(testNames(manifest, both)).toContain(RELATIONSHIPS);
    const array = selectUniqueIds(manifest, {
      select: ["customers", "orders"],
      indirectSelection: "cautious",
    });
    expect(array).toEqual(both);
  });

  it("buildable also takes tests whose other parents are ancestors of the selection", () => {
    const manifest = manifestWithBuildableTest();
    const ids = selectUniqueIds(manifest, { select: "customers", indirectSelection: "buildable" });
    expect(testNames(manifest, ids)).toEqual([
      "customers_match_staging",
      "not_null_customers_customer_id",
      "unique_customers_customer_id",
    ]);
  });

  it("empty takes no tests, but still applies graph operators", () => {
    const manifest = manifestWithBuildableTest();
    const ids = selectUniqueIds(manifest, { select: "+customers", indirectSelection: "empty" });
    expect(testNames(manifest, ids)).toEqual([]);
    expect(assetNames(manifest, ids)).toEqual([
      "customers",
      "raw_customers",
      "raw_orders",
      "raw_payments",
      "stg_customers",
      "stg_orders",
      "stg_payments",
    ]);
  });
});

describe("result filtering and disabled resources", () => {
  it("filters by resource type like --resource-type / --exclude-resource-type", () => {
    const manifest = jaffleShopManifest();
    expect(selectUniqueIds(manifest, { resourceTypes: ["seed"] }).size).toBe(3);
    expect(selectUniqueIds(manifest, { excludeResourceTypes: ["test"] }).size).toBe(8);
  });

  it("never selects a disabled node and does not traverse through it", () => {
    const manifest = jaffleShopManifest();
    const stg = manifest.nodes["model.jaffle_shop.stg_customers"] as DbtManifestNode;
    stg.config = { ...stg.config, enabled: false };
    const ids = selectUniqueIds(manifest, { select: "raw_customers+" });
    expect(assetNames(manifest, ids)).toEqual(["raw_customers"]);
    expect(selectUniqueIds(manifest, { select: "stg_customers" }).size).toBe(0);
  });

  it("returns ids in manifest order", () => {
    const manifest = jaffleShopManifest();
    const order = Object.keys(manifest.nodes);
    expect([...selectUniqueIds(manifest)]).toEqual(order);
  });
});
