import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  generateShopProject,
  generateSyntheticProject,
  lineageMaps,
  type ManifestEntry,
  SHARED_FIXTURES_DIR,
  sharedFixture,
} from "../src/index.js";

describe("sharedFixture", () => {
  it("resolves a fixture under ../shared/fixtures from the repository root, read in place", () => {
    const spec = sharedFixture("dbt-cloud-openapi");
    expect(spec.startsWith(SHARED_FIXTURES_DIR)).toBe(true);
    expect(spec).toMatch(/\/shared\/fixtures\/dbt-cloud-openapi$/);
  });

  it("names the missing path, and refuses to leave the fixtures directory", () => {
    expect(() => sharedFixture("no-such-fixture.json")).toThrow(/no-such-fixture\.json does not exist/);
    expect(() => sharedFixture("..", "..", "etc", "passwd")).toThrow(/leaves the shared fixtures directory/);
  });
});

describe("the dbt project generators", () => {
  it("are deterministic", () => {
    expect(JSON.stringify(generateShopProject())).toBe(JSON.stringify(generateShopProject()));
    expect(JSON.stringify(generateSyntheticProject({ nodes: 300, seed: 3 }))).toBe(
      JSON.stringify(generateSyntheticProject({ nodes: 300, seed: 3 })),
    );
  });

  it("build models, sources and exposures of one shape in both projects", () => {
    const shop = generateShopProject();
    const { manifest: synthetic } = generateSyntheticProject({ nodes: 300 });
    const keys = (entries: Record<string, ManifestEntry>, type: string) =>
      new Set(
        Object.values(entries)
          .filter((n) => n.resource_type === type)
          .map((n) => Object.keys(n).sort().join(",")),
      );
    for (const [section, type] of [
      ["nodes", "model"],
      ["sources", "source"],
      ["exposures", "exposure"],
    ] as const) {
      const shapes = new Set([...keys(shop[section], type), ...keys(synthetic[section], type)]);
      expect(shapes.size, type).toBe(1);
    }
    expect(Object.keys(shop.metadata)).toEqual(Object.keys(synthetic.metadata));
    expect(Object.keys(shop).filter((k) => k !== "metadata")).toEqual(
      Object.keys(synthetic).filter((k) => k !== "metadata"),
    );
  });

  it("write lineage maps with untrusted ids as plain keys, sorted, one entry per member", () => {
    const node = (id: string, parents: string[]): ManifestEntry => ({
      unique_id: id,
      name: id,
      resource_type: "model",
      depends_on: { nodes: parents },
    });
    const { parentMap, childMap } = lineageMaps([
      {
        ["__proto__"]: node("__proto__", ["constructor", "a"]),
      } as unknown as Record<string, ManifestEntry>,
      { constructor: node("constructor", []), a: node("a", []) } as Record<string, ManifestEntry>,
    ]);
    const roundTrip = JSON.parse(JSON.stringify({ parentMap, childMap })) as {
      parentMap: Record<string, string[]>;
      childMap: Record<string, string[]>;
    };
    expect(Object.keys(roundTrip.parentMap).sort()).toEqual(["__proto__", "a", "constructor"]);
    expect(Object.hasOwn(roundTrip.parentMap, "__proto__")).toBe(true);
    const proto = "__proto__";
    expect(roundTrip.parentMap[proto]).toEqual(["a", "constructor"]);
    expect(childMap.constructor).toEqual(["__proto__"]);
    expect(childMap.a).toEqual(["__proto__"]);
  });

  it("the shop project's lineage lists every member and mirrors depends_on", () => {
    const shop = generateShopProject();
    const members = [shop.nodes, shop.sources, shop.exposures, shop.unit_tests].flatMap((g) =>
      Object.keys(g),
    );
    expect(Object.keys(shop.parent_map).sort()).toEqual([...members].sort());
    expect(shop.parent_map["model.emulated_shop.orders"]).toEqual([
      "model.emulated_shop.int_order_payments",
      "model.emulated_shop.stg_orders",
    ]);
    // A real dbt 1.9 manifest has exactly the same sections.
    const real = JSON.parse(
      readFileSync(
        sharedFixture("dbt-artifacts", "jaffle-shop-yu-iskw", "v12-dbt1.9.0-build", "manifest_1.9.json"),
        "utf8",
      ),
    ) as Record<string, unknown>;
    expect(Object.keys(shop).sort()).toEqual(Object.keys(real).sort());
  });
});
