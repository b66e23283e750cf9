import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { type DbtGraphMember, type DbtManifest, parseManifest, selectUniqueIds } from "../../src/index.js";
import { artifactPath } from "../artifacts/fixture-paths.js";

const select = (manifest: DbtManifest, selection: string, exclude?: string) =>
  [...selectUniqueIds(manifest, { select: selection, exclude, indirectSelection: "empty" })].sort();

function model(pkg: string, name: string, path: string, patch?: string): [string, DbtGraphMember] {
  const id = `model.${pkg}.${name}`;
  const member: DbtGraphMember = {
    unique_id: id,
    name,
    resource_type: "model",
    package_name: pkg,
    fqn: [pkg, name],
    original_file_path: path,
    path,
  };
  if (patch !== undefined) member.patch_path = `${pkg}://${patch}`;
  return [id, member];
}

function manifestOf(members: Array<[string, DbtGraphMember]>, projectName?: string): DbtManifest {
  return {
    metadata: {
      dbt_schema_version: "https://schemas.getdbt.com/dbt/manifest/v12.json",
      ...(projectName ? { project_name: projectName } : {}),
    },
    nodes: Object.fromEntries(members),
    sources: {},
  };
}

/**
 * dbt-core's PathSelectorMethod: `paths = {p.relative_to(root) for p in root.glob(selector)}` over the root
 * project's directory, then a node is selected when its original_file_path, its patch file or one of its
 * parents is in `paths`. An installed package's original_file_path is relative to the package, so it is only
 * found when the root project has the same relative path.
 */
describe("path: globs the root project's files only, as dbt does", () => {
  const project = manifestOf(
    [
      model("shop", "stg_orders", "models/staging/stg_orders.sql", "models/staging/schema.yml"),
      model("shop", "orders", "models/marts/orders.sql"),
      model("utils", "stg_orders_copy", "models/staging/stg_orders.sql"),
      model("utils", "helper", "models/helpers/helper.sql", "models/helpers/schema.yml"),
      model("utils", "patched_like_root", "models/other/x.sql", "models/staging/schema.yml"),
    ],
    "shop",
  );

  it("a package's model is selected by a file glob only when the root project has the same file", () => {
    expect(select(project, "path:models/**/*.sql")).toEqual([
      "model.shop.orders",
      "model.shop.stg_orders",
      "model.utils.stg_orders_copy",
    ]);
    expect(select(project, "path:models/helpers/helper.sql")).toEqual([]);
    expect(select(project, "path:models/helpers")).toEqual([]);
    expect(select(project, "path:models/helpers/schema.yml")).toEqual([]);
  });

  it("a root directory selects everything under it, packages included (its parents are in the glob)", () => {
    expect(select(project, "path:models")).toEqual([
      "model.shop.orders",
      "model.shop.stg_orders",
      "model.utils.helper",
      "model.utils.patched_like_root",
      "model.utils.stg_orders_copy",
    ]);
    expect(select(project, "path:models/staging")).toEqual([
      "model.shop.stg_orders",
      "model.utils.stg_orders_copy",
    ]);
    expect(select(project, "path:.")).toHaveLength(5);
  });

  it("patch files count when the root project has them", () => {
    expect(select(project, "path:models/staging/schema.yml")).toEqual([
      "model.shop.stg_orders",
      "model.utils.patched_like_root",
    ]);
  });

  it("exclusion uses the same rule", () => {
    expect(select(project, "fqn:*", "path:models/**/*.sql")).toEqual([
      "model.utils.helper",
      "model.utils.patched_like_root",
    ]);
  });

  it("without metadata.project_name, root_path tells the root project (older manifests)", () => {
    const old = manifestOf([
      model("shop", "orders", "models/marts/orders.sql"),
      model("utils", "helper", "models/helpers/helper.sql"),
    ]);
    (old.nodes["model.shop.orders"] as DbtGraphMember).root_path = "/work/shop";
    (old.nodes["model.utils.helper"] as DbtGraphMember).root_path = "/work/shop/dbt_packages/utils";
    expect(select(old, "path:models/**/*.sql")).toEqual(["model.shop.orders"]);
  });

  it("when nothing tells the root project, every package's paths count", () => {
    const unknown = manifestOf([
      model("shop", "orders", "models/marts/orders.sql"),
      model("utils", "helper", "models/helpers/helper.sql"),
    ]);
    expect(select(unknown, "path:models/**/*.sql")).toEqual(["model.shop.orders", "model.utils.helper"]);
  });

  describe("on a real project with three installed packages (dbt-bouncer, dbt 1.11)", () => {
    let bouncer: DbtManifest;
    beforeAll(() => {
      bouncer = parseManifest(
        readFileSync(artifactPath("dbt-bouncer/dbt1.11.2-build/manifest.json"), "utf8"),
      );
    });

    it("path:models/**/*.sql selects the root project's models, not the packages'", () => {
      const root = bouncer.metadata.project_name;
      const rootFiles = new Set(
        Object.values(bouncer.nodes)
          .filter((n) => n.package_name === root)
          .map((n) => n.original_file_path),
      );
      const expected = Object.values(bouncer.nodes)
        .filter((n) => n.config?.enabled !== false)
        .filter((n) => n.original_file_path?.startsWith("models/") && n.original_file_path.endsWith(".sql"))
        .filter((n) => rootFiles.has(n.original_file_path))
        .map((n) => n.unique_id)
        .sort();
      const selected = select(bouncer, "path:models/**/*.sql");
      expect(selected).toEqual(expected);
      expect(selected.length).toBeGreaterThan(10);
      const packageModels = Object.values(bouncer.nodes)
        .filter((n) => n.package_name !== root && n.resource_type === "model" && n.config?.enabled !== false)
        .map((n) => n.unique_id);
      expect(packageModels.length).toBeGreaterThan(15);
      expect(selected.filter((id) => packageModels.includes(id))).toEqual([]);
      // `path:models` still reaches them: the root project has a models directory.
      expect(select(bouncer, "path:models")).toEqual(expect.arrayContaining(packageModels));
    });
  });
});

describe("unit tests carry their config.tags, as dbt's UnitTestDefinition.tags does", () => {
  let defer: DbtManifest;
  beforeAll(() => {
    defer = parseManifest(readFileSync(artifactPath("dbt-core-state/defer-state/manifest.json"), "utf8"));
  });
  const tagged = "unit_test.test.model_to_unit_test.test_model_to_unit_test_2";
  const untagged = "unit_test.test.model_to_unit_test.test_model_to_unit_test";

  it("tag: selects a unit test by a tag written only in its config (real dbt 1.9 manifest)", () => {
    expect(defer.unit_tests?.[tagged]?.tags).toBeUndefined();
    expect(select(defer, "tag:test_tag")).toContain(tagged);
    expect(select(defer, "tag:test_tag")).not.toContain(untagged);
    expect(select(defer, "tag:test_*,resource_type:unit_test")).toEqual([tagged]);
  });

  it("--exclude tag: drops it", () => {
    expect(select(defer, "resource_type:unit_test")).toEqual([untagged, tagged]);
    expect(select(defer, "resource_type:unit_test", "tag:test_tag")).toEqual([untagged]);
  });

  it("a string config.tags is one tag", () => {
    const manifest = JSON.parse(JSON.stringify(defer)) as DbtManifest;
    const unit = manifest.unit_tests?.[untagged] as DbtGraphMember;
    unit.config = { ...unit.config, tags: "nightly" };
    expect(select(manifest, "tag:nightly")).toEqual([untagged]);
  });
});
