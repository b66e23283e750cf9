import { readFileSync } from "node:fs";
import { type DbtManifest, parseManifest } from "../../src/index.js";
import { artifactPath } from "../artifacts/fixture-paths.js";

/**
 * The jaffle_shop project dagster-dbt's selection tests use (3 seeds, 5 models, 20 generic tests), read in
 * place from the v8 manifest, plus the `raw_customer_child_models` selector from dagster-dbt's
 * `selectors.yml` (the real manifest was written without a selectors.yml). A fresh copy per call, so
 * tests may change it.
 */
export function jaffleShopManifest(): DbtManifest {
  const manifest = parseManifest(
    readFileSync(artifactPath("jaffle-shop-yu-iskw/v8-dbt1.4.1/manifest.json"), "utf8"),
  );
  manifest.selectors = {
    raw_customer_child_models: {
      name: "raw_customer_child_models",
      description: "Equivalent to raw_customers+,resource_type:model",
      definition: { intersection: [{ method: "resource_type", value: "model" }, "raw_customers+"] },
    },
  };
  return manifest;
}

/** Names of the refable nodes (models, seeds, snapshots) among the selected ids, sorted. */
export function assetNames(manifest: DbtManifest, ids: Iterable<string>): string[] {
  const names: string[] = [];
  for (const id of ids) {
    const node = manifest.nodes[id];
    if (node !== undefined && ["model", "seed", "snapshot"].includes(node.resource_type))
      names.push(node.name);
  }
  return names.sort();
}

export function testNames(manifest: DbtManifest, ids: Iterable<string>): string[] {
  const names: string[] = [];
  for (const id of ids) {
    const node = manifest.nodes[id];
    if (node?.resource_type === "test") names.push(node.name);
  }
  return names.sort();
}
