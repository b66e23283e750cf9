import {
  columnEntries,
  commonNode,
  exposureNode,
  type GeneratedManifest,
  type ManifestEntry,
  manifestDocument,
  nodeConfig,
  sourceNode,
  sqlNodeFields,
} from "./manifest-parts.js";

/**
 * Generates realistic synthetic dbt artifacts of any size: a manifest (v12) with a layered DAG of
 * models across several packages, sources, seeds, snapshots, generic tests on most models
 * (including relationships tests with two parents), a few ephemeral models, exposures, tags, YAML
 * selectors and macros; and a matching `dbt build` run_results (v6) with a few errors, skips,
 * failures and warnings. Deterministic for a given seed.
 */

/** Size and seed of a synthetic project. */
export interface SyntheticOptions {
  /** Total graph members (models + tests + sources + seeds + snapshots + exposures). */
  nodes: number;
  seed?: number;
}

/** A synthetic project: its manifest, a matching run_results, and names to build selectors from. */
export interface SyntheticArtifacts {
  manifest: GeneratedManifest;
  runResults: Record<string, unknown>;
  /** Model names usable in selectors (e.g. a mid-layer model). */
  sample: { model: string; tag: string; packageName: string; path: string; selectorName: string };
}

const TAGS = ["finance", "marketing", "core", "pii", "daily", "hourly", "nightly", "sales", "ops", "product"];
const ADAPTER = "snowflake";

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface ModelInfo {
  id: string;
  name: string;
  pkg: string;
  layer: number;
  ephemeral: boolean;
}

/** A synthetic project of about `options.nodes` graph members (see the module comment). */
export function generateSyntheticProject(options: SyntheticOptions): SyntheticArtifacts {
  const random = mulberry32(options.seed ?? 42);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const total = options.nodes;
  const sourceCount = Math.max(2, Math.round(total * 0.05));
  const seedCount = Math.max(1, Math.round(total * 0.03));
  const snapshotCount = Math.max(1, Math.round(total * 0.01));
  const exposureCount = Math.max(1, Math.round(total * 0.01));
  const modelCount = Math.max(4, Math.round(total * 0.36));
  const packages = ["analytics", "pkg_finance", "pkg_marketing", "pkg_utils", "pkg_core"];
  const layers = Math.max(4, Math.min(25, Math.round(Math.log2(modelCount) * 1.5)));
  const project = "analytics";

  const nodes: Record<string, ManifestEntry> = {};
  const sources: Record<string, ManifestEntry> = {};
  const exposures: Record<string, ManifestEntry> = {};
  const macros: Record<string, Record<string, unknown>> = {};
  const results: Record<string, unknown>[] = [];

  const sourceIds: string[] = [];
  for (let i = 0; i < sourceCount; i++) {
    const sourceName = `src_${i % 12}`;
    const name = `raw_table_${i}`;
    const id = `source.${project}.${sourceName}.${name}`;
    sourceIds.push(id);
    sources[id] = sourceNode({
      uniqueId: id,
      sourceName,
      name,
      packageName: project,
      database: "RAW",
      schema: sourceName,
      file: `models/sources/${sourceName}.yml`,
      fqn: [project, "sources", sourceName, name],
      sourceDescription: `Raw data loaded from system ${sourceName}.`,
      description: `Raw ${name} records.`,
      columns: columns(random, 6),
      tags: [pick(TAGS)],
      relationName: `RAW.${sourceName}.${name}`,
      createdAt: 1700000000 + i,
    });
  }

  const seedIds: string[] = [];
  for (let i = 0; i < seedCount; i++) {
    const name = `seed_lookup_${i}`;
    const id = `seed.${project}.${name}`;
    seedIds.push(id);
    nodes[id] = baseNode(random, {
      id,
      name,
      pkg: project,
      type: "seed",
      path: `seeds/${name}.csv`,
      materialized: "seed",
      rawCode: "",
      dependsOn: [],
      tags: [pick(TAGS)],
    });
  }

  const models: ModelInfo[] = [];
  const byLayer: ModelInfo[][] = Array.from({ length: layers }, () => []);
  for (let i = 0; i < modelCount; i++) {
    const layer = Math.min(layers - 1, Math.floor((i / modelCount) * layers));
    const pkg = i % 7 === 0 ? pick(packages.slice(1)) : project;
    const prefix = layer === 0 ? "stg" : layer < layers / 2 ? "int" : "fct";
    const name = `${prefix}_${pkg}_${i}`;
    const model: ModelInfo = {
      id: `model.${pkg}.${name}`,
      name,
      pkg,
      layer,
      ephemeral: layer > 0 && layer < layers - 1 && random() < 0.04,
    };
    models.push(model);
    byLayer[layer]?.push(model);
  }

  for (const model of models) {
    const parents = new Set<string>();
    if (model.layer === 0) {
      parents.add(pick(sourceIds));
      if (random() < 0.3) parents.add(pick(seedIds));
    } else {
      const count = 1 + Math.floor(random() * 4);
      for (let k = 0; k < count; k++) {
        const fromLayer = Math.max(0, model.layer - 1 - Math.floor(random() * Math.min(3, model.layer)));
        const candidates = byLayer[fromLayer] ?? [];
        if (candidates.length > 0) parents.add(pick(candidates).id);
      }
    }
    const tags = random() < 0.7 ? [pick(TAGS), ...(random() < 0.3 ? [pick(TAGS)] : [])] : [];
    const folder = model.layer === 0 ? "staging" : model.layer < layers / 2 ? "intermediate" : "marts";
    nodes[model.id] = baseNode(random, {
      id: model.id,
      name: model.name,
      pkg: model.pkg,
      type: "model",
      path: `models/${folder}/${folder === "marts" ? `${pick(TAGS)}/` : ""}${model.name}.sql`,
      materialized: model.ephemeral
        ? "ephemeral"
        : model.layer === 0
          ? "view"
          : random() < 0.2
            ? "incremental"
            : "table",
      rawCode: sqlFor(model.name, [...parents]),
      dependsOn: [...parents],
      tags: [...new Set(tags)],
    });
  }

  for (let i = 0; i < snapshotCount; i++) {
    const name = `snap_${i}`;
    const id = `snapshot.${project}.${name}`;
    const parent = pick(byLayer[0] ?? models).id;
    nodes[id] = baseNode(random, {
      id,
      name,
      pkg: project,
      type: "snapshot",
      path: `snapshots/${name}.sql`,
      materialized: "snapshot",
      rawCode: sqlFor(name, [parent]),
      dependsOn: [parent],
      tags: ["daily"],
    });
  }

  const testBudget = Math.max(
    0,
    total - sourceCount - seedCount - snapshotCount - exposureCount - modelCount,
  );
  const testable = models.filter((m) => !m.ephemeral);
  let testIndex = 0;
  while (testIndex < testBudget && testable.length > 0) {
    const model = testable[testIndex % testable.length] as ModelInfo;
    if (testIndex < testable.length && random() < 0.15) {
      testIndex++;
      continue;
    }
    const kind = pick(["not_null", "unique", "accepted_values", "relationships", "not_null"]);
    const column = `col_${Math.floor(random() * 8)}`;
    const name = `${kind}_${model.name}_${column}_${testIndex}`;
    const id = `test.${model.pkg}.${name}.${(testIndex * 2654435761).toString(16).slice(-10).padStart(10, "0")}`;
    const dependsOn = [model.id];
    if (kind === "relationships") {
      const other = pick(testable);
      if (other.id !== model.id) dependsOn.unshift(other.id);
    }
    const node = baseNode(random, {
      id,
      name,
      pkg: model.pkg,
      type: "test",
      path: `${kind}_${model.name}.sql`,
      materialized: "test",
      rawCode: `{{ test_${kind}(**_dbt_generic_test_kwargs) }}`,
      dependsOn,
      tags: random() < 0.1 ? ["critical"] : [],
    });
    node.original_file_path = `models/${model.name}.yml`;
    node.attached_node = model.id;
    node.column_name = column;
    node.test_metadata = {
      name: kind,
      kwargs: { column_name: column, model: `{{ get_where_subquery(ref('${model.name}')) }}` },
      namespace: null,
    };
    node.file_key_name = `models.${model.name}`;
    (node.config as Record<string, unknown>).severity = random() < 0.1 ? "warn" : "ERROR";
    nodes[id] = node;
    testIndex++;
  }

  const marts = byLayer[layers - 1] ?? models;
  for (let i = 0; i < exposureCount; i++) {
    const name = `dashboard_${i}`;
    const id = `exposure.${project}.${name}`;
    exposures[id] = exposureNode({
      uniqueId: id,
      name,
      packageName: project,
      path: "exposures.yml",
      originalFilePath: "models/exposures.yml",
      fqn: [project, name],
      owner: { email: "bi@example.com", name: "BI team" },
      description: `Dashboard ${i}`,
      label: `Dashboard ${i}`,
      tags: [pick(TAGS)],
      url: `https://bi.example.com/${i}`,
      nodes: [pick(marts).id, pick(marts).id],
      refs: [],
      createdAt: 1700000000,
    });
  }

  const macroCount = 300 + Math.round(total / 20);
  for (let i = 0; i < macroCount; i++) {
    const name = `macro_${i}`;
    const pkg = i % 3 === 0 ? "dbt" : pick(packages);
    const id = `macro.${pkg}.${name}`;
    macros[id] = {
      name,
      resource_type: "macro",
      package_name: pkg,
      path: `macros/${name}.sql`,
      original_file_path: `macros/${name}.sql`,
      unique_id: id,
      macro_sql: `{% macro ${name}(relation, column) %}\n  {{ return(adapter.dispatch('${name}', '${pkg}')(relation, column)) }}\n{% endmacro %}\n\n{% macro default__${name}(relation, column) %}\n  select {{ column }} from {{ relation }} where {{ column }} is not null\n{% endmacro %}\n`,
      depends_on: { macros: [] },
      description: "",
      meta: {},
      docs: { show: true, node_color: null },
      patch_path: null,
      arguments: [],
      created_at: 1700000000,
      supported_languages: ["sql"],
    };
  }

  const sample = byLayer[Math.floor(layers / 2)]?.find((m) => !m.ephemeral) ?? (testable[0] as ModelInfo);
  const manifest = manifestDocument({
    projectName: project,
    projectId: "b2f7a9c0d1e2f3a4b5c6d7e8f9a0b1c2",
    invocationId: "00000000-0000-4000-8000-000000000000",
    adapterType: ADAPTER,
    nodes,
    sources,
    macros,
    exposures,
    selectors: {
      nightly_marts: {
        name: "nightly_marts",
        description: "Marts tagged nightly and everything upstream",
        definition: {
          union: [
            { method: "tag", value: "nightly", parents: true },
            { method: "path", value: "models/marts" },
          ],
        },
      },
    },
  });

  // run_results of a `dbt build` over everything but ephemeral models.
  let clock = Date.parse("2026-01-01T01:00:00.000Z");
  let failedModel: string | undefined;
  for (const [id, props] of Object.entries(nodes)) {
    if ((props.config as { materialized?: string }).materialized === "ephemeral") continue;
    const type = props.resource_type as string;
    const duration = type === "test" ? 0.2 + random() * 2 : 0.5 + random() * 30;
    const start = clock;
    clock += Math.round(duration * 100);
    let status = type === "test" ? "pass" : "success";
    const roll = random();
    if (type === "test") status = roll < 0.01 ? "fail" : roll < 0.03 ? "warn" : "pass";
    else if (roll < 0.003) status = "error";
    else if (roll < 0.01) status = "skipped";
    if (status === "error") failedModel = id;
    const skipped = status === "skipped";
    results.push({
      status,
      timing: skipped
        ? []
        : [
            { name: "compile", started_at: iso(start), completed_at: iso(start + 15) },
            {
              name: "execute",
              started_at: iso(start + 16),
              completed_at: iso(start + 16 + Math.round(duration * 1000)),
            },
          ],
      thread_id: `Thread-${1 + Math.floor(random() * 8)} (worker)`,
      execution_time: skipped ? 0 : duration,
      adapter_response: skipped
        ? {}
        : {
            _message: "SUCCESS 1",
            code: "SUCCESS",
            rows_affected: Math.floor(random() * 100000),
            query_id: `01b${Math.floor(random() * 1e12).toString(16)}`,
          },
      message:
        status === "error"
          ? `Database Error in model ${props.name}\n  000904 (42000): invalid identifier`
          : status === "fail" || status === "warn"
            ? `Got ${1 + Math.floor(random() * 50)} results, configured to ${status} if != 0`
            : "SUCCESS 1",
      failures: type === "test" ? (status === "pass" ? 0 : 1 + Math.floor(random() * 50)) : null,
      unique_id: id,
      compiled: !skipped,
      compiled_code: skipped
        ? null
        : String(props.raw_code ?? "")
            .replaceAll("{{ ref('", "analytics.")
            .replaceAll("') }}", ""),
      relation_name: type === "test" ? null : props.relation_name,
      batch_results: null,
    });
  }

  const runResults = {
    metadata: {
      dbt_schema_version: "https://schemas.getdbt.com/dbt/run-results/v6.json",
      dbt_version: "1.9.4",
      generated_at: iso(clock + 1000),
      invocation_id: "00000000-0000-4000-8000-000000000001",
      env: { DBT_CLOUD_RUN_ID: "5555", DBT_CLOUD_JOB_ID: "4444", DBT_CLOUD_PROJECT_ID: "2222" },
    },
    results,
    elapsed_time: (clock - Date.parse("2026-01-01T01:00:00.000Z")) / 1000,
    args: { which: "build", select: ["fqn:*"], indirect_selection: "eager", failed: failedModel ?? null },
  };

  return {
    manifest,
    runResults,
    sample: {
      model: sample.name,
      tag: "finance",
      packageName: "pkg_finance",
      path: "models/marts",
      selectorName: "nightly_marts",
    },
  };
}

function iso(ms: number): string {
  return new Date(ms).toISOString().replace("Z", "000Z");
}

function columns(random: () => number, count: number): Record<string, unknown> {
  const n = count + Math.floor(random() * 6);
  return columnEntries(
    Array.from({ length: n }, (_, i) => `col_${i}`),
    (name, i) => ({
      description: i % 2 === 0 ? `The ${name} of the record, as delivered by the source system.` : "",
      dataType: i % 3 === 0 ? "varchar" : null,
    }),
    { doc_blocks: [] },
  );
}

function sqlFor(name: string, parents: readonly string[]): string {
  const refs = parents.map((p, i) => {
    const [type, , ...rest] = p.split(".");
    const target =
      type === "source" ? `{{ source('${rest[0]}', '${rest[1]}') }}` : `{{ ref('${rest.at(-1)}') }}`;
    return `${i === 0 ? "with" : ","} p${i} as (\n    select * from ${target}\n)`;
  });
  return `{{ config(tags=['generated']) }}\n\n${refs.join("\n")}\n\nselect\n    p0.col_0 as ${name}_id,\n    p0.col_1,\n    p0.col_2,\n    coalesce(p0.col_3, 0) as amount,\n    current_timestamp() as _loaded_at\nfrom p0\nwhere p0.col_0 is not null\n`;
}

function baseNode(
  random: () => number,
  spec: {
    id: string;
    name: string;
    pkg: string;
    type: string;
    path: string;
    materialized: string;
    rawCode: string;
    dependsOn: string[];
    tags: string[];
  },
): ManifestEntry {
  const test = spec.type === "test";
  const schema = test ? "dbt_test__audit" : spec.pkg === "analytics" ? "analytics" : spec.pkg;
  const fqnPath = spec.path
    .replace(/\.(sql|csv)$/, "")
    .split("/")
    .filter((p) => p !== "models" && p !== "seeds" && p !== "snapshots");
  const node = commonNode({
    resourceType: spec.type,
    name: spec.name,
    packageName: spec.pkg,
    uniqueId: spec.id,
    path: spec.path,
    originalFilePath: spec.path,
    fqn: [spec.pkg, ...fqnPath],
    database: "ANALYTICS",
    schema,
    checksum: {
      name: "sha256",
      checksum: Math.floor(random() * 1e16)
        .toString(16)
        .padStart(64, "0"),
    },
    createdAt: 1700000000.123,
  });
  return Object.assign(
    node,
    {
      config: nodeConfig(spec.materialized, {
        schema: test ? "dbt_test__audit" : null,
        tags: spec.tags,
        access: "protected",
      }),
      tags: spec.tags,
      description: test
        ? ""
        : `The ${spec.name} ${spec.type}: one row per entity, refreshed ${spec.tags[0] ?? "daily"}.`,
      columns: test ? {} : columns(random, 4),
      patch_path: test ? null : `${spec.pkg}://models/schema.yml`,
      unrendered_config: { materialized: spec.materialized },
    },
    sqlNodeFields({
      relationName: test ? null : `ANALYTICS.${schema}.${spec.name}`,
      rawCode: spec.rawCode,
      refs: spec.dependsOn.filter((d) => !d.startsWith("source.")).map((d) => d.split(".").at(-1) as string),
      sources: spec.dependsOn.filter((d) => d.startsWith("source.")).map((d) => d.split(".").slice(2)),
      dependsOn: { macros: ["macro.dbt.run_query"], nodes: spec.dependsOn },
      compiledPath: null,
    }),
  );
}
