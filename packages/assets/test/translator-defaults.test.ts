import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { generateSyntheticProject } from "../bench/synthetic-project.js";
import {
  createTranslatorContext,
  DbtCloudTranslator,
  type DbtResourceProps,
  type ManifestLike,
  parseManifest,
} from "../src/index.js";
import { buildSpecsFromSelection } from "../src/specs/build-specs-from-selection.js";

const manifest: ManifestLike = {
  metadata: { adapter_type: "snowflake", project_name: "shop" },
  groups: { "group.shop.finance": { name: "finance", owner: { email: ["a@x.io", "b@x.io"] } } },
};
const context = createTranslatorContext(manifest);
const translator = new DbtCloudTranslator();

function node(extra: Partial<DbtResourceProps>): DbtResourceProps {
  return { unique_id: "model.shop.orders", name: "orders", resource_type: "model", ...extra };
}

describe("default translator rules", () => {
  it("keys: meta.dagster.asset_key, then config.schema, then the name", () => {
    expect(
      translator.getAssetKey(node({ config: { meta: { dagster: { asset_key: ["a", "b"] } } } }), context),
    ).toEqual(["a", "b"]);
    expect(translator.getAssetKey(node({ meta: { dagster: { asset_key: ["c"] } } }), context)).toEqual(["c"]);
    expect(translator.getAssetKey(node({ config: { schema: "marts" } }), context)).toEqual([
      "marts",
      "orders",
    ]);
    expect(translator.getAssetKey(node({ version: 2, alias: "orders_v2" }), context)).toEqual(["orders_v2"]);
    expect(translator.getAssetKey(node({}), context)).toEqual(["orders"]);
  });

  it("groups and owners: meta.dagster first, then the dbt group and its owner e-mails", () => {
    const grouped = node({ config: { group: "finance" } });
    expect(translator.getGroupName(grouped, context)).toBe("finance");
    expect(translator.getOwners(grouped, context)).toEqual(["a@x.io", "b@x.io"]);
    const dagster = node({
      config: { group: "finance", meta: { dagster: { group: "core", owners: ["team:data"] } } },
    });
    expect(translator.getGroupName(dagster, context)).toBe("core");
    expect(translator.getOwners(dagster, context)).toEqual(["team:data"]);
    expect(translator.getOwners(node({}), context)).toEqual([]);
  });

  it("tags from `tags`, or from config.tags (list or single string)", () => {
    expect(translator.getTags(node({ tags: ["a", "b"] }), context)).toEqual({ a: "", b: "" });
    expect(translator.getTags(node({ config: { tags: "nightly" } }), context)).toEqual({ nightly: "" });
  });

  it("metadata: relation name from database.schema.alias when dbt wrote none; columns with ? for unknown types", () => {
    const metadata = translator.getMetadata(
      node({
        database: "db",
        schema: "s",
        alias: "orders_tbl",
        config: { materialized: "incremental" },
        columns: { id: { name: "id", data_type: "int", description: "pk" }, x: { name: "x" } },
      }),
      context,
    );
    expect(metadata).toEqual({
      unique_id: "model.shop.orders",
      resource_type: "model",
      relation_name: "db.s.orders_tbl",
      materialization: "incremental",
      columns: [
        { name: "id", type: "int", description: "pk" },
        { name: "x", type: "?" },
      ],
    });
  });

  it("descriptions fall back to `dbt <type> <name>`; kinds are dbtcloud + adapter", () => {
    expect(translator.getDescription(node({ raw_code: "select 1" }), context)).toBe(
      "dbt model orders\n\n#### Raw SQL:\n```sql\nselect 1\n```",
    );
    expect(translator.getKinds(node({}), context)).toEqual(["dbtcloud", "snowflake"]);
    expect(translator.getKinds(node({}), createTranslatorContext({}))).toEqual(["dbtcloud"]);
  });
});

describe("ephemeral traversal (property: equals a brute-force walk)", () => {
  it("deps are the nearest non-ephemeral ancestors for random layered projects", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000 }), (seed) => {
        const raw = generateSyntheticProject({ nodes: 300, seed }).manifest;
        const parsed = parseManifest(raw);
        // Make about a third of the models ephemeral to stress the traversal.
        for (const n of Object.values(parsed.nodes)) {
          if (n.resource_type === "model" && n.config && (n.unique_id.length * seed) % 3 === 0)
            n.config.materialized = "ephemeral";
        }
        const ids = new Set([...Object.keys(parsed.nodes), ...Object.keys(parsed.sources)]);
        const specs = buildSpecsFromSelection(parsed, ids);
        const isReal = (id: string) =>
          id.startsWith("source.") ||
          (parsed.nodes[id] !== undefined && parsed.nodes[id]?.config?.materialized !== "ephemeral");
        for (const spec of specs.assetSpecs) {
          const expected = new Set<string>();
          const stack = [...(parsed.nodes[spec.uniqueId]?.depends_on?.nodes ?? [])];
          const seen = new Set<string>();
          while (stack.length > 0) {
            const id = stack.pop() as string;
            if (seen.has(id)) continue;
            seen.add(id);
            if (isReal(id)) expected.add(id);
            else stack.push(...(parsed.nodes[id]?.depends_on?.nodes ?? []));
          }
          expect(new Set(spec.depUniqueIds)).toEqual(expected);
          expect(spec.depUniqueIds.length).toBe(expected.size);
        }
      }),
      { numRuns: 15 },
    );
  });
});
