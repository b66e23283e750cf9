import { describe, expect, it, vi } from "vitest";
import { selectUniqueIds } from "../../src/index.js";
import { assetNames, jaffleShopManifest, testNames } from "./jaffle-fixture.js";

const ALL = [
  "customers",
  "orders",
  "raw_customers",
  "raw_orders",
  "raw_payments",
  "stg_customers",
  "stg_orders",
  "stg_payments",
];

// The 11 selection cases of dagster-dbt's test_asset_decorator.py (reference §4.4): (select, exclude, selector).
const CASES: Array<[string | undefined, string | undefined, string | undefined, string[]]> = [
  ["fqn:*", undefined, undefined, ALL],
  ["raw_customers stg_customers", undefined, undefined, ["raw_customers", "stg_customers"]],
  ["raw_customers+", undefined, undefined, ["customers", "raw_customers", "stg_customers"]],
  [
    "resource_type:model",
    undefined,
    undefined,
    ["customers", "orders", "stg_customers", "stg_orders", "stg_payments"],
  ],
  ["raw_customers+,resource_type:model", undefined, undefined, ["customers", "stg_customers"]],
  [undefined, "orders", undefined, ALL.filter((name) => name !== "orders")],
  [
    undefined,
    "raw_customers+",
    undefined,
    ["orders", "raw_orders", "raw_payments", "stg_orders", "stg_payments"],
  ],
  [
    undefined,
    "raw_customers stg_customers",
    undefined,
    ALL.filter((n) => n !== "raw_customers" && n !== "stg_customers"),
  ],
  [undefined, "resource_type:model", undefined, ["raw_customers", "raw_orders", "raw_payments"]],
  [undefined, "tag:does-not-exist", undefined, ALL],
  ["", undefined, "raw_customer_child_models", ["customers", "stg_customers"]],
];

describe("selectUniqueIds: dagster-dbt parity on jaffle_shop", () => {
  it.each(CASES)("select %j exclude %j selector %j", (select, exclude, selector, expected) => {
    const manifest = jaffleShopManifest();
    expect(assetNames(manifest, selectUniqueIds(manifest, { select, exclude, selector }))).toEqual(expected);
  });

  it("selects every test by default and the tests downstream of a selection eagerly", () => {
    const manifest = jaffleShopManifest();
    expect(testNames(manifest, selectUniqueIds(manifest))).toHaveLength(20);
    // raw_customers+ reaches stg_customers and customers: their 4 tests, plus the relationships test
    // between customers and orders (eager: any selected parent is enough).
    expect(testNames(manifest, selectUniqueIds(manifest, { select: "raw_customers+" }))).toEqual([
      "not_null_customers_customer_id",
      "not_null_stg_customers_customer_id",
      "relationships_orders_customer_id__customer_id__ref_customers_",
      "unique_customers_customer_id",
      "unique_stg_customers_customer_id",
    ]);
  });

  it("excludes tests of excluded models (exclusion is always eager): 15 tests left", () => {
    const manifest = jaffleShopManifest();
    const ids = selectUniqueIds(manifest, { exclude: "raw_customers+" });
    expect(testNames(manifest, ids)).toHaveLength(15);
    expect(testNames(manifest, ids)).not.toContain(
      "relationships_orders_customer_id__customer_id__ref_customers_",
    );
  });

  it("drops tests tagged unit-test with exclude tag:unit-test", () => {
    const manifest = jaffleShopManifest();
    const tagged = Object.values(manifest.nodes).filter((n) => n.name.startsWith("unique_"));
    for (const node of tagged) node.tags = ["unit-test"];
    const ids = selectUniqueIds(manifest, { exclude: "tag:unit-test" });
    expect(testNames(manifest, ids)).toHaveLength(20 - tagged.length);
    expect(assetNames(manifest, ids)).toEqual(ALL);
  });

  it("warns through the logger, not an error, when a union member matches nothing", () => {
    const manifest = jaffleShopManifest();
    const warn = vi.fn();
    const logger = { debug: vi.fn(), info: vi.fn(), warn, error: vi.fn() };
    const ids = selectUniqueIds(manifest, {
      select: "orders tag:nope",
      exclude: "tag:does-not-exist",
      logger,
    });
    expect(assetNames(manifest, ids)).toEqual(["orders"]);
    expect(warn.mock.calls.map((call) => call[0])).toEqual([
      "The selection criterion 'tag:nope' does not match any enabled nodes",
      "The selection criterion 'tag:does-not-exist' does not match any enabled nodes",
    ]);
  });
});
