import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { type DbtManifest, DbtSelectionError, parseManifest, selectUniqueIds } from "../../src/index.js";
import { artifactPath } from "../artifacts/fixture-paths.js";

let defer: DbtManifest;
let bouncer: DbtManifest;

beforeAll(() => {
  defer = parseManifest(readFileSync(artifactPath("dbt-core-state/defer-state/manifest.json"), "utf8"));
  bouncer = parseManifest(readFileSync(artifactPath("dbt-bouncer/dbt1.11.2-build/manifest.json"), "utf8"));
});

const select = (manifest: DbtManifest, selection: string, indirectSelection: "empty" | "eager" = "empty") =>
  [...selectUniqueIds(manifest, { select: selection, indirectSelection })].sort();

describe("selector methods on dbt-core's defer_state manifest (v12, every resource type)", () => {
  it("fqn: bare names, dotted paths, wildcards, package-less matching; sources excluded", () => {
    expect(select(defer, "inner")).toEqual(["model.test.inner"]);
    expect(select(defer, "fqn:test.sub.inner")).toEqual(["model.test.inner"]);
    expect(select(defer, "sub.inner")).toEqual(["model.test.inner"]);
    expect(select(defer, "test.sub")).toEqual(["model.test.inner"]);
    expect(select(defer, "fqn:test.snapshot.*")).toEqual(["snapshot.test.my_snapshot"]);
    expect(select(defer, "metricflow_time_spine*")).toEqual([
      "model.test.metricflow_time_spine",
      "model.test.metricflow_time_spine_second",
    ]);
    expect(select(defer, "my_table")).toEqual([]);
    const all = select(defer, "fqn:*");
    expect(all).not.toContain("source.test.my_source.my_table");
    expect(all).toContain("unit_test.test.model_to_unit_test.test_model_to_unit_test");
    expect(all).toContain("saved_query.test.my_saved_query");
  });

  it("tag: fnmatch over tags of every resource type", () => {
    expect(select(defer, "tag:tag")).toEqual([
      "analysis.test.a",
      "exposure.test.weekly_jaffle_metrics",
      "seed.test.seed",
      "test.test.not_null_seed__a_.6b59640cde",
      "test.test.not_null_seed__b_.a088b263cb",
    ]);
    expect(select(defer, "tag:*_tag")).toEqual([
      "model.test.model_with_lots_of_schema_configs",
      "source.test.my_source.my_table",
      "test.test.my_favorite_test.b488d63233",
      "test.test.my_second_favorite_test.c8955109ad",
      "test.test.t",
      "test.test.unique_model_with_lots_of_schema_configs_id.8328d84982",
      // a unit test's tags are its config.tags, as in dbt
      "unit_test.test.model_to_unit_test.test_model_to_unit_test_2",
    ]);
  });

  it("path: directories, files, YAML patch files and globs", () => {
    expect(select(defer, "models/sub")).toEqual(["model.test.inner"]);
    expect(select(defer, "path:models/sub/")).toEqual(["model.test.inner"]);
    expect(select(defer, "path:models/sub/inner.sql")).toEqual(["model.test.inner"]);
    expect(select(defer, "path:snapshots/*.yml")).toEqual([
      "snapshot.test.snapshot_2",
      "snapshot.test.snapshot_3",
    ]);
    expect(select(defer, "path:analyses/a.yml")).toEqual(["analysis.test.a"]);
    expect(select(defer, "path:functions")).toEqual(["function.test.area_of_circle"]);
    expect(select(defer, "path:models/**/inner.sql")).toEqual(["model.test.inner"]);
    expect(select(defer, "path:models/does_not_exist.sql")).toEqual([]);
    expect(select(defer, "path:seeds")).toEqual([
      "seed.test.seed",
      "test.test.expression_is_true_seed_b_2.4e0babbea4",
      "test.test.not_null_seed__a_.6b59640cde",
      "test.test.not_null_seed__b_.a088b263cb",
    ]);
  });

  it("file: file name with or without extension", () => {
    expect(select(defer, "inner.sql")).toEqual(["model.test.inner"]);
    expect(select(defer, "file:inner")).toEqual(["model.test.inner"]);
    expect(select(defer, "file:snapshot_*.yml")).toEqual([
      "snapshot.test.snapshot_2",
      "snapshot.test.snapshot_3",
    ]);
  });

  it("package:, including package:this and wildcards", () => {
    expect(select(defer, "package:this").length).toBe(select(defer, "package:test").length);
    expect(select(defer, "package:t*").length).toBeGreaterThan(30);
    expect(select(defer, "package:other")).toEqual([]);
  });

  it("resource_type:, test_type:, test_name:", () => {
    expect(select(defer, "resource_type:snapshot")).toEqual([
      "snapshot.test.my_snapshot",
      "snapshot.test.snapshot_2",
      "snapshot.test.snapshot_3",
    ]);
    expect(select(defer, "resource_type:source")).toEqual(["source.test.my_source.my_table"]);
    expect(select(defer, "test_type:singular")).toEqual(["test.test.t"]);
    expect(select(defer, "test_type:generic")).toHaveLength(8);
    expect(select(defer, "test_type:data")).toHaveLength(9);
    expect(select(defer, "test_type:unit")).toEqual([
      "unit_test.test.model_to_unit_test.test_model_to_unit_test",
      "unit_test.test.model_to_unit_test.test_model_to_unit_test_2",
    ]);
    expect(select(defer, "test_name:not_null")).toEqual([
      "test.test.my_favorite_test.b488d63233",
      "test.test.not_null_outer_id.a226f4fb36",
      "test.test.not_null_seed__a_.6b59640cde",
      "test.test.not_null_seed__b_.a088b263cb",
    ]);
  });

  it("config.<key>: strings, lists, booleans, nested keys and case-insensitive severity", () => {
    expect(select(defer, "config.materialized:incremental")).toEqual(["model.test.incremental"]);
    expect(select(defer, "config.materialized:ephemeral")).toEqual(["model.test.ephemeral"]);
    expect(select(defer, "config.tags:string_tag")).toEqual(["model.test.model_with_lots_of_schema_configs"]);
    expect(select(defer, "config.enabled:true,resource_type:source")).toEqual([
      "source.test.my_source.my_table",
    ]);
    expect(select(defer, "config.severity:WARN,test_type:singular")).toEqual(["test.test.t"]);
    expect(select(defer, "config.severity:Error,test_name:unique")).toHaveLength(2);
    expect(select(defer, "config.docs.show:true,fqn:inner")).toEqual(["model.test.inner"]);
  });

  it("group:, access:, exposure:, metric:, semantic_model:, saved_query:, unit_test:, source:", () => {
    expect(select(defer, "group:important_tests")).toEqual([
      "test.test.my_favorite_test.b488d63233",
      "test.test.my_second_favorite_test.c8955109ad",
      "test.test.t",
    ]);
    expect(select(defer, "access:public")).toEqual(["model.test.model_with_lots_of_schema_configs"]);
    expect(select(defer, "exposure:weekly_*")).toEqual(["exposure.test.weekly_jaffle_metrics"]);
    expect(select(defer, "metric:test.total_outer")).toEqual(["metric.test.total_outer"]);
    expect(select(defer, "semantic_model:my_sm")).toEqual(["semantic_model.test.my_sm"]);
    expect(select(defer, "saved_query:*")).toEqual(["saved_query.test.my_saved_query"]);
    expect(select(defer, "unit_test:model_to_unit_test.*_2")).toEqual([
      "unit_test.test.model_to_unit_test.test_model_to_unit_test_2",
    ]);
    expect(select(defer, "source:my_source")).toEqual(["source.test.my_source.my_table"]);
    expect(select(defer, "source:test.my_source.my_table")).toEqual(["source.test.my_source.my_table"]);
    expect(select(defer, "source:my_source.other")).toEqual([]);
  });

  it("graph operators: +x, x+, n+x, x+n, @x", () => {
    expect(select(defer, "+inner")).toEqual(["model.test.ephemeral", "model.test.inner", "model.test.outer"]);
    expect(select(defer, "1+inner")).toEqual(["model.test.inner", "model.test.outer"]);
    expect(select(defer, "ephemeral+1")).toEqual([
      "model.test.ephemeral",
      "model.test.model_with_lots_of_schema_configs",
      "model.test.outer",
    ]);
    expect(select(defer, "source:my_source+")).toContain("test.test.my_favorite_test.b488d63233");
    // @seed: the seed, its descendants, and every ancestor of those
    expect(select(defer, "@exposure:weekly_jaffle_metrics")).toEqual([
      "exposure.test.weekly_jaffle_metrics",
      "model.test.incremental",
      "seed.test.seed",
    ]);
    expect(select(defer, "+metric:derived_metric")).toContain("model.test.ephemeral");
  });

  it("indirect selection pulls in tests and unit tests of selected models", () => {
    const eager = select(defer, "model_to_unit_test", "eager");
    expect(eager).toEqual([
      "model.test.model_to_unit_test",
      "unit_test.test.model_to_unit_test.test_model_to_unit_test",
      "unit_test.test.model_to_unit_test.test_model_to_unit_test_2",
    ]);
    expect(select(defer, "outer", "eager")).toEqual([
      "model.test.outer",
      "test.test.not_null_outer_id.a226f4fb36",
      "test.test.unique_outer_id.2195e332d3",
    ]);
  });
});

describe("versioned models and Fusion-era manifests (dbt-bouncer)", () => {
  it("selects versioned models by name, name_vN and name.vN, and by version:", () => {
    const both = [
      "model.dbt_bouncer_test_project.customers.v1",
      "model.dbt_bouncer_test_project.customers.v2",
    ];
    expect(select(bouncer, "resource_type:model,customers")).toEqual(both);
    expect(select(bouncer, "customers_v1")).toEqual([both[0]]);
    expect(select(bouncer, "customers.v2")).toEqual([both[1]]);
    expect(select(bouncer, "version:latest,customers")).toEqual([both[1]]);
    expect(select(bouncer, "version:old,customers")).toEqual([both[0]]);
    expect(select(bouncer, "version:prerelease")).toEqual([]);
  });

  it("evaluates the manifest's YAML selector", () => {
    const ids = selectUniqueIds(bouncer, { selector: "nodes_to_exclude" });
    expect(ids.size).toBeGreaterThan(50);
    for (const id of ids) expect(id).toContain("dbt_bouncer_test_project");
  });
});

describe("errors name the method and what is valid", () => {
  const error = (selection: string): DbtSelectionError => {
    try {
      selectUniqueIds(defer, { select: selection });
    } catch (caught) {
      if (caught instanceof DbtSelectionError) return caught;
      throw caught;
    }
    throw new Error(`expected ${selection} to fail`);
  };

  it("unknown method", () => {
    const e = error("colour:red");
    expect(e.message).toContain('"colour" is not a valid selector method');
    expect(e.message).toContain("fqn, tag, group");
    expect(e.method).toBe("colour");
    expect(error("constructor:x").message).toContain('"constructor" is not a valid selector method');
  });

  it("invalid values", () => {
    expect(error("resource_type:modle").message).toMatch(
      /"modle" is not a valid value for the resource_type method; valid values are model, analysis/,
    );
    expect(error("test_type:integration").validValues).toEqual([
      "generic",
      "singular",
      "data",
      "unit",
      "schema",
    ]);
    expect(error("version:newest").message).toContain("latest, prerelease, old, none");
    expect(error("access:open").message).toContain("public, protected, private");
    expect(error("source:a.b.c.d").message).toContain("package_name.source_name.table_name");
    expect(error("exposure:a.b.c").message).toContain("exposure_name, or package_name.exposure_name");
  });

  it("malformed specs and unsupported state methods", () => {
    expect(error("@orders+").message).toContain('"@" prefix and "+" suffix are incompatible');
    expect(error("config:x").message).toContain("needs a key");
    expect(error("state:modified").message).toContain("--state");
  });

  it("rejects an invalid indirect selection mode", () => {
    expect(() => selectUniqueIds(defer, { indirectSelection: "lazy" as "eager" })).toThrow(
      /indirect selection "lazy" is not valid; use one of eager, cautious, buildable, empty/,
    );
  });
});
