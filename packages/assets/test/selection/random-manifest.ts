import fc from "fast-check";
import type { DbtGraphMember, DbtManifest, DbtManifestNode, DbtSource } from "../../src/index.js";

export const TAGS = ["a", "b", "c"] as const;
export const PACKAGES = ["p1", "p2"] as const;
export const DIRS = ["staging", "marts"] as const;

export interface RandomProject {
  manifest: DbtManifest;
  names: string[];
}

interface Spec {
  kind: "model" | "seed" | "source" | "test" | "exposure";
  tags: number[];
  pkg: number;
  dir: number;
  parents: number[];
  disabled: boolean;
}

const specArb = (index: number): fc.Arbitrary<Spec> =>
  fc.record({
    kind: fc.constantFrom<Spec["kind"]>(
      "model",
      "model",
      "model",
      "seed",
      "source",
      "test",
      "test",
      "exposure",
    ),
    tags: fc.uniqueArray(fc.integer({ min: 0, max: TAGS.length - 1 }), { maxLength: 2 }),
    pkg: fc.integer({ min: 0, max: PACKAGES.length - 1 }),
    dir: fc.integer({ min: 0, max: DIRS.length - 1 }),
    parents:
      index === 0
        ? fc.constant([])
        : fc.uniqueArray(fc.integer({ min: 0, max: index - 1 }), { maxLength: 3 }),
    disabled: fc.integer({ min: 0, max: 4 }).map((roll) => roll === 0),
  });

/** A random layered DAG project: parents always have lower indexes, so it is acyclic. */
export const randomProject: fc.Arbitrary<RandomProject> = fc
  .integer({ min: 1, max: 24 })
  .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => specArb(i))))
  .map((specs) => build(specs));

function build(specs: Spec[]): RandomProject {
  const manifest: DbtManifest = {
    metadata: { dbt_schema_version: "https://schemas.getdbt.com/dbt/manifest/v12.json", project_name: "p1" },
    nodes: {},
    sources: {},
    exposures: {},
  };
  const ids: string[] = [];
  const names: string[] = [];
  specs.forEach((spec, i) => {
    const name = `n${i}`;
    const pkg = PACKAGES[spec.pkg] as string;
    const dir = DIRS[spec.dir] as string;
    // sources and seeds have no parents; tests need at least one; nobody depends on tests/exposures
    const parents =
      spec.kind === "source" || spec.kind === "seed"
        ? []
        : spec.parents
            .map((p) => ids[p] as string)
            .filter((id) => !id.startsWith("test.") && !id.startsWith("exposure."));
    const kind = spec.kind === "test" && parents.length === 0 ? "model" : spec.kind;
    const base: DbtGraphMember = {
      unique_id: "",
      name,
      resource_type: kind,
      package_name: pkg,
      fqn: [pkg, dir, name],
      original_file_path: `models/${dir}/${name}.sql`,
      tags: spec.tags.map((t) => TAGS[t] as string),
      config: { enabled: !spec.disabled },
      depends_on: { nodes: parents },
    };
    if (kind === "source") {
      const id = `source.${pkg}.src.${name}`;
      (manifest.sources as Record<string, DbtSource>)[id] = {
        ...base,
        unique_id: id,
        source_name: "src",
        fqn: [pkg, dir, "src", name],
        depends_on: { nodes: [] },
      };
      ids.push(id);
    } else if (kind === "exposure") {
      const id = `exposure.${pkg}.${name}`;
      (manifest.exposures as Record<string, DbtGraphMember>)[id] = { ...base, unique_id: id };
      ids.push(id);
    } else {
      const id = `${kind}.${pkg}.${name}`;
      manifest.nodes[id] = { ...base, unique_id: id } as DbtManifestNode;
      ids.push(id);
    }
    names.push(name);
  });
  return { manifest, names };
}
