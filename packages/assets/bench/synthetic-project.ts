/**
 * Generates realistic synthetic dbt artifacts of any size: a manifest (v12) with a layered DAG of
 * models across several packages, sources, seeds, snapshots, generic tests on most models
 * (including relationships tests with two parents), a few ephemeral models, exposures, tags, YAML
 * selectors and macros; and a matching `dbt build` run_results (v6) with a few errors, skips,
 * failures and warnings. Deterministic for a given seed.
 */

export interface SyntheticOptions {
  /** Total graph members (models + tests + sources + seeds + snapshots + exposures). */
  nodes: number;
  seed?: number;
}

export interface SyntheticArtifacts {
  manifest: Record<string, unknown>;
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

  const nodes: Record<string, Record<string, unknown>> = {};
  const sources: Record<string, Record<string, unknown>> = {};
  const exposures: Record<string, Record<string, unknown>> = {};
  const macros: Record<string, Record<string, unknown>> = {};
  const results: Record<string, unknown>[] = [];

  const sourceIds: string[] = [];
  for (let i = 0; i < sourceCount; i++) {
    const sourceName = `src_${i % 12}`;
    const name = `raw_table_${i}`;
    const id = `source.${project}.${sourceName}.${name}`;
    sourceIds.push(id);
    sources[id] = {
      database: "RAW",
      schema: sourceName,
      name,
      resource_type: "source",
      package_name: project,
      path: `models/sources/${sourceName}.yml`,
      original_file_path: `models/sources/${sourceName}.yml`,
      unique_id: id,
      fqn: [project, "sources", sourceName, name],
      source_name: sourceName,
      source_description: `Raw data loaded from system ${sourceName}.`,
      loader: "fivetran",
      identifier: name,
      quoting: { database: null, schema: null, identifier: null, column: null },
      loaded_at_field: "_loaded_at",
      freshness: {
        warn_after: { count: 12, period: "hour" },
        error_after: { count: 24, period: "hour" },
        filter: null,
      },
      external: null,
      description: `Raw ${name} records.`,
      columns: columns(random, 6),
      meta: {},
      source_meta: {},
      tags: [pick(TAGS)],
      config: { enabled: true, event_time: null },
      patch_path: null,
      unrendered_config: {},
      relation_name: `RAW.${sourceName}.${name}`,
      created_at: 1700000000 + i,
    };
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
    exposures[id] = {
      name,
      resource_type: "exposure",
      package_name: project,
      path: "exposures.yml",
      original_file_path: "models/exposures.yml",
      unique_id: id,
      fqn: [project, name],
      type: "dashboard",
      owner: { email: "bi@example.com", name: "BI team" },
      description: `Dashboard ${i}`,
      label: `Dashboard ${i}`,
      maturity: "high",
      meta: {},
      tags: [pick(TAGS)],
      config: { enabled: true, tags: [], meta: {} },
      unrendered_config: {},
      url: `https://bi.example.com/${i}`,
      depends_on: { macros: [], nodes: [pick(marts).id, pick(marts).id] },
      refs: [],
      sources: [],
      metrics: [],
      created_at: 1700000000,
    };
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

  // parent_map / child_map as dbt writes them.
  const parentMap: Record<string, string[]> = {};
  const childMap: Record<string, string[]> = {};
  const all = { ...nodes, ...sources, ...exposures };
  for (const id of Object.keys(all)) {
    parentMap[id] = [];
    childMap[id] = [];
  }
  for (const [id, props] of Object.entries(all)) {
    const deps = ((props.depends_on as { nodes?: string[] } | undefined)?.nodes ?? []) as string[];
    parentMap[id] = [...deps];
    for (const dep of deps) childMap[dep]?.push(id);
  }

  const sample = byLayer[Math.floor(layers / 2)]?.find((m) => !m.ephemeral) ?? (testable[0] as ModelInfo);
  const manifest = {
    metadata: {
      dbt_schema_version: "https://schemas.getdbt.com/dbt/manifest/v12.json",
      dbt_version: "1.9.4",
      generated_at: "2026-01-01T00:00:00.000000Z",
      invocation_id: "00000000-0000-4000-8000-000000000000",
      env: {},
      project_name: project,
      project_id: "b2f7a9c0d1e2f3a4b5c6d7e8f9a0b1c2",
      user_id: null,
      send_anonymous_usage_stats: false,
      adapter_type: ADAPTER,
    },
    nodes,
    sources,
    macros,
    docs: {},
    exposures,
    metrics: {},
    groups: {},
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
    disabled: {},
    parent_map: parentMap,
    child_map: childMap,
    group_map: {},
    saved_queries: {},
    semantic_models: {},
    unit_tests: {},
  };

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
  const out: Record<string, unknown> = {};
  const n = count + Math.floor(random() * 6);
  for (let i = 0; i < n; i++) {
    const name = `col_${i}`;
    out[name] = {
      name,
      description: i % 2 === 0 ? `The ${name} of the record, as delivered by the source system.` : "",
      meta: {},
      data_type: i % 3 === 0 ? "varchar" : null,
      constraints: [],
      quote: null,
      tags: [],
      granularity: null,
      doc_blocks: [],
    };
  }
  return out;
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
): Record<string, unknown> {
  const schema = spec.type === "test" ? "dbt_test__audit" : spec.pkg === "analytics" ? "analytics" : spec.pkg;
  const fqnPath = spec.path
    .replace(/\.(sql|csv)$/, "")
    .split("/")
    .filter((p) => p !== "models" && p !== "seeds" && p !== "snapshots");
  return {
    database: "ANALYTICS",
    schema,
    name: spec.name,
    resource_type: spec.type,
    package_name: spec.pkg,
    path: spec.path,
    original_file_path: spec.type === "test" ? spec.path : spec.path,
    unique_id: spec.id,
    fqn: [spec.pkg, ...fqnPath],
    alias: spec.name,
    checksum: {
      name: "sha256",
      checksum: Math.floor(random() * 1e16)
        .toString(16)
        .padStart(64, "0"),
    },
    config: {
      enabled: true,
      alias: null,
      schema: spec.type === "test" ? "dbt_test__audit" : null,
      database: null,
      tags: spec.tags,
      meta: {},
      group: null,
      materialized: spec.materialized,
      incremental_strategy: null,
      persist_docs: {},
      "post-hook": [],
      "pre-hook": [],
      quoting: {},
      column_types: {},
      full_refresh: null,
      unique_key: null,
      on_schema_change: "ignore",
      on_configuration_change: "apply",
      grants: {},
      packages: [],
      docs: { show: true, node_color: null },
      contract: { enforced: false, alias_types: true },
      access: "protected",
    },
    tags: spec.tags,
    description:
      spec.type === "test"
        ? ""
        : `The ${spec.name} ${spec.type}: one row per entity, refreshed ${spec.tags[0] ?? "daily"}.`,
    columns: spec.type === "test" ? {} : columns(random, 4),
    meta: {},
    group: null,
    docs: { show: true, node_color: null },
    patch_path: spec.type === "test" ? null : `${spec.pkg}://models/schema.yml`,
    build_path: null,
    unrendered_config: { materialized: spec.materialized },
    created_at: 1700000000.123,
    relation_name: spec.type === "test" ? null : `ANALYTICS.${schema}.${spec.name}`,
    raw_code: spec.rawCode,
    language: "sql",
    refs: spec.dependsOn
      .filter((d) => !d.startsWith("source."))
      .map((d) => ({ name: d.split(".").at(-1), package: null, version: null })),
    sources: spec.dependsOn.filter((d) => d.startsWith("source.")).map((d) => d.split(".").slice(2)),
    metrics: [],
    depends_on: { macros: ["macro.dbt.run_query"], nodes: spec.dependsOn },
    compiled_path: null,
    contract: { enforced: false, alias_types: true, checksum: null },
    access: "protected",
    constraints: [],
    version: null,
    latest_version: null,
    deprecation_date: null,
  };
}
