import { describe, expect, it } from "vitest";
import { resolveSubset, selectionArgs } from "../src/execution/selection-args.js";
import { buildDbtSpecs, DbtSubsetError } from "../src/index.js";
import { freshManifest, loadManifest } from "./support/artifacts.js";

const manifest = loadManifest("jaffle-shop-yu-iskw/v7-dbt1.3.0/manifest.json");
const specs = buildDbtSpecs(manifest);

describe("selectionArgs", () => {
  it("uses the definition's own selection when the whole definition runs", () => {
    const full = resolveSubset(specs, undefined);
    expect(full.full).toBe(true);
    expect(selectionArgs(manifest, { select: "tag:x", exclude: "orders", selector: "" }, full)).toEqual([
      "--select",
      "tag:x",
      "--exclude",
      "orders",
    ]);
    expect(selectionArgs(manifest, { select: "", exclude: "", selector: "nightly" }, full)).toEqual([
      "--selector",
      "nightly",
    ]);
    expect(
      selectionArgs(manifest, { select: "", exclude: "", selector: "", indirectSelection: "cautious" }, full),
    ).toEqual(["--select", "fqn:*", "--indirect-selection", "cautious"]);
  });

  it("treats a subset naming every asset and check as the whole definition", () => {
    const all = resolveSubset(specs, {
      assetKeys: specs.assetSpecs.map((s) => s.key),
      checkKeys: specs.checkSpecs.map((c) => ({ asset: c.asset, name: c.name })),
    });
    expect(all.full).toBe(true);
  });

  it("lists a subset's nodes by fqn and turns indirect selection off", () => {
    const check = specs.checkSpecs.find((c) => c.asset.join("/") === "stg_orders");
    if (!check) throw new Error("fixture changed");
    const subset = resolveSubset(specs, { assetKeys: ["orders"], checkKeys: [`stg_orders:${check.name}`] });
    expect(subset.full).toBe(false);
    expect(selectionArgs(manifest, { select: "fqn:*", exclude: "", selector: "" }, subset)).toEqual([
      "--select",
      `fqn:jaffle_shop.orders fqn:${manifest.nodes[check.uniqueId]?.fqn.join(".")}`,
      "--indirect-selection",
      "empty",
    ]);
  });

  it("excludes nodes whose fqn merely extends a chosen one, so the run is exact", () => {
    const nested = freshManifest("jaffle-shop-yu-iskw/v7-dbt1.3.0/manifest.json");
    const orders = nested.nodes["model.jaffle_shop.orders"];
    if (!orders) throw new Error("fixture changed");
    nested.nodes["model.jaffle_shop.orders_detail"] = {
      ...structuredClone(orders),
      unique_id: "model.jaffle_shop.orders_detail",
      name: "orders_detail",
      fqn: ["jaffle_shop", "orders", "orders_detail"],
      original_file_path: "models/orders/orders_detail.sql",
    };
    const nestedSpecs = buildDbtSpecs(nested);
    const subset = resolveSubset(nestedSpecs, { assetKeys: ["orders"] });
    expect(selectionArgs(nested, { select: "fqn:*", exclude: "", selector: "" }, subset)).toEqual([
      "--select",
      "fqn:jaffle_shop.orders",
      "--exclude",
      "fqn:jaffle_shop.orders.orders_detail",
      "--indirect-selection",
      "empty",
    ]);
  });

  it("names the field and the fix for unknown keys and empty subsets", () => {
    expect(() => resolveSubset(specs, { assetKeys: [["nope"]] })).toThrow(
      /subset.assetKeys: "nope" is not an asset of this definition/,
    );
    expect(() => resolveSubset(specs, { checkKeys: ["orders:nope"] })).toThrow(DbtSubsetError);
    const empty = resolveSubset(specs, { assetKeys: [] });
    expect(() => selectionArgs(manifest, { select: "fqn:*", exclude: "", selector: "" }, empty)).toThrow(
      /nothing to run/,
    );
  });
});
