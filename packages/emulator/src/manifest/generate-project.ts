import { createHash } from "node:crypto";
import type { Manifest, ManifestNode } from "./types.js";

/**
 * Generates the default workspace's dbt project: a small shop with sources, seeds, staging views,
 * an ephemeral model, marts, an incremental model, a snapshot, generic and singular tests, a unit test,
 * an analysis and an exposure. The output is shaped like a dbt 1.9 manifest v12 so the same code that
 * parses real manifests parses it.
 */
export const GENERATED_PROJECT_NAME = "emulated_shop";

const PKG = GENERATED_PROJECT_NAME;
const DATABASE = "analytics";
const SCHEMA = "dbt_prod";
const CREATED_AT = 1_767_225_600; // 2026-01-01T00:00:00Z, fixed so the manifest is deterministic

function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

function relation(schema: string, alias: string): string {
  return `"${DATABASE}"."${schema}"."${alias}"`;
}

interface ModelSpec {
  name: string;
  dir: string;
  materialized: "view" | "table" | "incremental" | "ephemeral";
  refs: string[];
  sources?: Array<[string, string]>;
  description: string;
  tags?: string[];
  columns?: string[];
}

const SOURCES: Array<{ source: string; table: string; description: string }> = [
  { source: "shop_raw", table: "customers", description: "Customers loaded by the app's CDC pipeline." },
  { source: "shop_raw", table: "orders", description: "Orders, one row per order." },
  { source: "shop_raw", table: "payments", description: "Payments, several per order." },
];

const SEEDS = [
  { name: "country_codes", description: "ISO country codes." },
  { name: "payment_methods", description: "Known payment methods and their fees." },
];

const MODELS: ModelSpec[] = [
  {
    name: "stg_customers",
    dir: "staging",
    materialized: "view",
    refs: ["country_codes"],
    sources: [["shop_raw", "customers"]],
    description: "Customers, renamed and typed.",
    tags: ["staging"],
    columns: ["customer_id", "first_name", "country_code"],
  },
  {
    name: "stg_orders",
    dir: "staging",
    materialized: "view",
    refs: [],
    sources: [["shop_raw", "orders"]],
    description: "Orders, renamed and typed.",
    tags: ["staging"],
    columns: ["order_id", "customer_id", "order_date", "status"],
  },
  {
    name: "stg_payments",
    dir: "staging",
    materialized: "view",
    refs: ["payment_methods"],
    sources: [["shop_raw", "payments"]],
    description: "Payments in dollars with their method.",
    tags: ["staging"],
    columns: ["payment_id", "order_id", "amount", "payment_method"],
  },
  {
    name: "int_order_payments",
    dir: "intermediate",
    materialized: "ephemeral",
    refs: ["stg_orders", "stg_payments"],
    description: "Payments summed per order.",
    columns: ["order_id", "amount"],
  },
  {
    name: "orders",
    dir: "marts",
    materialized: "table",
    refs: ["stg_orders", "int_order_payments"],
    description: "One row per order with its total amount.",
    tags: ["marts"],
    columns: ["order_id", "customer_id", "status", "amount"],
  },
  {
    name: "customers",
    dir: "marts",
    materialized: "table",
    refs: ["stg_customers", "orders"],
    description: "One row per customer with lifetime value.",
    tags: ["marts"],
    columns: ["customer_id", "first_order", "lifetime_value"],
  },
  {
    name: "fct_daily_revenue",
    dir: "marts",
    materialized: "incremental",
    refs: ["orders"],
    description: "Revenue per day, built incrementally.",
    tags: ["marts", "finance"],
    columns: ["order_date", "revenue"],
  },
  {
    name: "customer_segments",
    dir: "marts",
    materialized: "table",
    refs: ["customers"],
    description: "Customers bucketed by lifetime value.",
    tags: ["marts"],
    columns: ["customer_id", "segment"],
  },
];

interface GenericTestSpec {
  test: "unique" | "not_null" | "accepted_values" | "relationships";
  model: string;
  column: string;
  severity?: "warn" | "error";
}

const GENERIC_TESTS: GenericTestSpec[] = [
  { test: "unique", model: "stg_customers", column: "customer_id" },
  { test: "not_null", model: "stg_customers", column: "customer_id" },
  { test: "unique", model: "stg_orders", column: "order_id" },
  { test: "not_null", model: "stg_payments", column: "payment_id" },
  { test: "accepted_values", model: "orders", column: "status", severity: "warn" },
  { test: "unique", model: "orders", column: "order_id" },
  { test: "not_null", model: "orders", column: "customer_id" },
  { test: "relationships", model: "orders", column: "customer_id" },
  { test: "unique", model: "customers", column: "customer_id" },
  { test: "not_null", model: "fct_daily_revenue", column: "order_date" },
];

const SINGULAR_TESTS = [
  { name: "assert_order_amount_positive", refs: ["orders"] },
  { name: "assert_revenue_matches_payments", refs: ["fct_daily_revenue", "stg_payments"] },
];

function baseConfig(materialized: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    enabled: true,
    alias: null,
    schema: null,
    database: null,
    tags: [],
    meta: {},
    group: null,
    materialized,
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
    ...extra,
  };
}

function columnsOf(names: string[] | undefined): Record<string, unknown> {
  const columns: Record<string, unknown> = {};
  for (const name of names ?? []) {
    columns[name] = {
      name,
      description: "",
      meta: {},
      data_type: null,
      constraints: [],
      quote: null,
      tags: [],
      granularity: null,
    };
  }
  return columns;
}

function commonNode(
  resourceType: string,
  name: string,
  originalFilePath: string,
  fqn: string[],
  schema: string,
): ManifestNode {
  return {
    database: DATABASE,
    schema,
    name,
    resource_type: resourceType,
    package_name: PKG,
    path: originalFilePath.split("/").slice(1).join("/"),
    original_file_path: originalFilePath,
    unique_id: `${resourceType}.${PKG}.${name}`,
    fqn,
    alias: name,
    checksum: { name: "sha256", checksum: sha256(`${resourceType}:${name}`) },
    tags: [],
    description: "",
    columns: {},
    meta: {},
    group: null,
    docs: { show: true, node_color: null },
    patch_path: null,
    unrendered_config: {},
    created_at: CREATED_AT,
  };
}

function sourceId(source: string, table: string): string {
  return `source.${PKG}.${source}.${table}`;
}

export function generateProjectManifest(): Manifest {
  const nodes: Record<string, ManifestNode> = {};
  const sources: Record<string, ManifestNode> = {};
  const exposures: Record<string, ManifestNode> = {};
  const unitTests: Record<string, ManifestNode> = {};
  const idByName = new Map<string, string>();

  for (const s of SOURCES) {
    const id = sourceId(s.source, s.table);
    sources[id] = {
      database: "raw",
      schema: "shop",
      name: s.table,
      resource_type: "source",
      package_name: PKG,
      path: "models/staging/_sources.yml",
      original_file_path: "models/staging/_sources.yml",
      unique_id: id,
      fqn: [PKG, "staging", s.source, s.table],
      source_name: s.source,
      source_description: "Raw tables replicated from the shop application.",
      loader: "fivetran",
      identifier: s.table,
      quoting: { database: null, schema: null, identifier: null, column: null },
      loaded_at_field: "_loaded_at",
      freshness: {
        warn_after: { count: 12, period: "hour" },
        error_after: { count: 24, period: "hour" },
        filter: null,
      },
      external: null,
      description: s.description,
      columns: {},
      meta: {},
      source_meta: {},
      tags: [],
      config: { enabled: true, event_time: null },
      patch_path: null,
      unrendered_config: {},
      relation_name: `"raw"."shop"."${s.table}"`,
      created_at: CREATED_AT,
    };
  }

  for (const seed of SEEDS) {
    const node = commonNode("seed", seed.name, `seeds/${seed.name}.csv`, [PKG, seed.name], SCHEMA);
    Object.assign(node, {
      config: baseConfig("seed", { delimiter: ",", quote_columns: null }),
      description: seed.description,
      build_path: null,
      relation_name: relation(SCHEMA, seed.name),
      raw_code: "",
      root_path: "/usr/src/dbt-server-shared/project",
      depends_on: { macros: [] },
    });
    nodes[node.unique_id] = node;
    idByName.set(seed.name, node.unique_id);
  }

  for (const model of MODELS) {
    const file = `models/${model.dir}/${model.name}.sql`;
    const node = commonNode("model", model.name, file, [PKG, model.dir, model.name], SCHEMA);
    const refs = model.refs.map((r) => {
      const id = idByName.get(r);
      if (!id) throw new Error(`generated project: ${model.name} refs ${r} before it is defined`);
      return id;
    });
    const srcIds = (model.sources ?? []).map(([s, t]) => sourceId(s, t));
    const rawCode = [
      model.materialized === "incremental"
        ? "{{ config(materialized='incremental', unique_key='order_date') }}\n"
        : "",
      `select *\nfrom ${[
        ...model.refs.map((r) => `{{ ref('${r}') }}`),
        ...(model.sources ?? []).map(([s, t]) => `{{ source('${s}', '${t}') }}`),
      ].join("\ncross join ")}`,
    ].join("");
    Object.assign(node, {
      config: baseConfig(model.materialized, { tags: model.tags ?? [], access: "protected" }),
      tags: model.tags ?? [],
      description: model.description,
      columns: columnsOf(model.columns),
      patch_path: `${PKG}://models/${model.dir}/_${model.dir}.yml`,
      build_path: null,
      relation_name: model.materialized === "ephemeral" ? null : relation(SCHEMA, model.name),
      raw_code: rawCode,
      language: "sql",
      refs: model.refs.map((name) => ({ name, package: null, version: null })),
      sources: (model.sources ?? []).map(([s, t]) => [s, t]),
      metrics: [],
      depends_on: {
        macros: model.materialized === "incremental" ? ["macro.dbt.is_incremental"] : [],
        nodes: [...refs, ...srcIds],
      },
      compiled_path: `target/compiled/${PKG}/${file}`,
      contract: { enforced: false, alias_types: true, checksum: null },
      access: "protected",
      constraints: [],
      version: null,
      latest_version: null,
      deprecation_date: null,
    });
    nodes[node.unique_id] = node;
    idByName.set(model.name, node.unique_id);
  }

  const snapshotFile = "snapshots/customers_snapshot.sql";
  const snapshot = commonNode(
    "snapshot",
    "customers_snapshot",
    snapshotFile,
    [PKG, "customers_snapshot", "customers_snapshot"],
    "snapshots",
  );
  Object.assign(snapshot, {
    config: baseConfig("snapshot", {
      strategy: "timestamp",
      unique_key: "customer_id",
      updated_at: "updated_at",
    }),
    description: "Slowly changing history of customers.",
    relation_name: relation("snapshots", "customers_snapshot"),
    raw_code:
      "{% snapshot customers_snapshot %}\nselect * from {{ source('shop_raw', 'customers') }}\n{% endsnapshot %}",
    language: "sql",
    refs: [],
    sources: [["shop_raw", "customers"]],
    metrics: [],
    depends_on: { macros: [], nodes: [sourceId("shop_raw", "customers")] },
    compiled_path: null,
  });
  nodes[snapshot.unique_id] = snapshot;

  for (const t of GENERIC_TESTS) {
    const modelId = idByName.get(t.model)!;
    const baseName = `${t.test}_${t.model}_${t.column}`;
    const name =
      t.test === "relationships"
        ? `relationships_${t.model}_${t.column}__customer_id__ref_customers_`
        : baseName;
    const hash = sha256(name).slice(0, 10);
    const node = commonNode("test", name, `models/_schema.yml`, [PKG, name], `${SCHEMA}_dbt_test__audit`);
    const parents = t.test === "relationships" ? [idByName.get("customers")!, modelId] : [modelId];
    Object.assign(node, {
      unique_id: `test.${PKG}.${name}.${hash}`,
      path: `${name}.sql`,
      checksum: { name: "none", checksum: "" },
      config: {
        enabled: true,
        alias: null,
        schema: "dbt_test__audit",
        database: null,
        tags: [],
        meta: {},
        group: null,
        materialized: "test",
        severity: t.severity === "warn" ? "warn" : "ERROR",
        store_failures: null,
        store_failures_as: null,
        where: null,
        limit: null,
        fail_calc: "count(*)",
        warn_if: "!= 0",
        error_if: "!= 0",
      },
      relation_name: null,
      raw_code: `{{ test_${t.test}(**_dbt_generic_test_kwargs) }}`,
      language: "sql",
      refs: (t.test === "relationships" ? ["customers", t.model] : [t.model]).map((n) => ({
        name: n,
        package: null,
        version: null,
      })),
      sources: [],
      metrics: [],
      depends_on: { macros: [`macro.dbt.test_${t.test}`, "macro.dbt.get_where_subquery"], nodes: parents },
      compiled_path: `target/compiled/${PKG}/models/_schema.yml/${name}.sql`,
      contract: { enforced: false, alias_types: true, checksum: null },
      column_name: t.column,
      file_key_name: `models.${t.model}`,
      attached_node: modelId,
      test_metadata: {
        name: t.test,
        kwargs: { column_name: t.column, model: `{{ get_where_subquery(ref('${t.model}')) }}` },
        namespace: null,
      },
    });
    nodes[node.unique_id as string] = node;
  }

  for (const t of SINGULAR_TESTS) {
    const file = `tests/${t.name}.sql`;
    const node = commonNode("test", t.name, file, [PKG, t.name], `${SCHEMA}_dbt_test__audit`);
    Object.assign(node, {
      config: {
        enabled: true,
        tags: [],
        meta: {},
        materialized: "test",
        severity: "ERROR",
        fail_calc: "count(*)",
        warn_if: "!= 0",
        error_if: "!= 0",
      },
      relation_name: null,
      raw_code: `select * from ${t.refs.map((r) => `{{ ref('${r}') }}`).join(", ")} where false`,
      language: "sql",
      refs: t.refs.map((n) => ({ name: n, package: null, version: null })),
      sources: [],
      metrics: [],
      depends_on: { macros: [], nodes: t.refs.map((r) => idByName.get(r)!) },
      compiled_path: `target/compiled/${PKG}/${file}`,
    });
    nodes[node.unique_id] = node;
  }

  const analysis = commonNode(
    "analysis",
    "revenue_by_country",
    "analyses/revenue_by_country.sql",
    [PKG, "analysis", "revenue_by_country"],
    SCHEMA,
  );
  Object.assign(analysis, {
    config: baseConfig("view"),
    raw_code: "select country_code, sum(lifetime_value) from {{ ref('customers') }} group by 1",
    language: "sql",
    refs: [{ name: "customers", package: null, version: null }],
    sources: [],
    metrics: [],
    depends_on: { macros: [], nodes: [idByName.get("customers")!] },
  });
  nodes[analysis.unique_id] = analysis;

  const unitTestId = `unit_test.${PKG}.customer_segments.test_segment_thresholds`;
  unitTests[unitTestId] = {
    model: "customer_segments",
    given: [
      {
        input: "ref('customers')",
        rows: [{ customer_id: 1, lifetime_value: 1200 }],
        format: "dict",
        fixture: null,
      },
    ],
    expect: { rows: [{ customer_id: 1, segment: "gold" }], format: "dict", fixture: null },
    name: "test_segment_thresholds",
    resource_type: "unit_test",
    package_name: PKG,
    path: "marts/_marts.yml",
    original_file_path: "models/marts/_marts.yml",
    unique_id: unitTestId,
    fqn: [PKG, "marts", "customer_segments", "test_segment_thresholds"],
    description: "Segments follow the documented value thresholds.",
    overrides: null,
    depends_on: { macros: [], nodes: [idByName.get("customer_segments")!] },
    config: { tags: [], meta: {}, enabled: true },
    checksum: sha256("unit_test:test_segment_thresholds"),
    schema: SCHEMA,
    created_at: CREATED_AT,
    versions: null,
    version: null,
  };

  const exposureId = `exposure.${PKG}.weekly_revenue_dashboard`;
  exposures[exposureId] = {
    name: "weekly_revenue_dashboard",
    resource_type: "exposure",
    package_name: PKG,
    path: "marts/_exposures.yml",
    original_file_path: "models/marts/_exposures.yml",
    unique_id: exposureId,
    fqn: [PKG, "marts", "weekly_revenue_dashboard"],
    type: "dashboard",
    owner: { email: "analytics@example.com", name: "Analytics" },
    description: "Revenue by week for the leadership meeting.",
    label: "Weekly revenue",
    maturity: "high",
    meta: {},
    tags: [],
    config: { enabled: true, tags: [], meta: {} },
    unrendered_config: {},
    url: "https://bi.example.com/dashboards/revenue",
    depends_on: {
      macros: [],
      nodes: [idByName.get("fct_daily_revenue")!, idByName.get("customer_segments")!],
    },
    refs: [
      { name: "fct_daily_revenue", package: null, version: null },
      { name: "customer_segments", package: null, version: null },
    ],
    sources: [],
    metrics: [],
    created_at: CREATED_AT,
  };

  const manifest: Manifest = {
    metadata: {
      dbt_schema_version: "https://schemas.getdbt.com/dbt/manifest/v12.json",
      dbt_version: "1.9.4",
      generated_at: "2026-01-01T00:00:00.000000Z",
      invocation_id: "00000000-0000-4000-8000-000000000001",
      env: {},
      project_name: PKG,
      project_id: sha256(PKG).slice(0, 32),
      user_id: null,
      send_anonymous_usage_stats: false,
      adapter_type: "postgres",
    },
    nodes,
    sources,
    macros: {},
    docs: {},
    exposures,
    metrics: {},
    groups: {},
    selectors: {},
    disabled: {},
    parent_map: {},
    child_map: {},
    group_map: {},
    saved_queries: {},
    semantic_models: {},
    unit_tests: unitTests,
  };
  const { parentMap, childMap } = buildLineageMaps(manifest);
  manifest.parent_map = parentMap;
  manifest.child_map = childMap;
  return manifest;
}

/** parent_map / child_map as dbt writes them: every node, source, exposure and unit test has an entry. */
export function buildLineageMaps(manifest: Manifest): {
  parentMap: Record<string, string[]>;
  childMap: Record<string, string[]>;
} {
  const parentMap: Record<string, string[]> = {};
  const childMap: Record<string, string[]> = {};
  const groups = [manifest.nodes, manifest.sources, manifest.exposures ?? {}, manifest.unit_tests ?? {}];
  for (const group of groups) {
    for (const id of Object.keys(group)) {
      parentMap[id] = [];
      childMap[id] = [];
    }
  }
  for (const group of groups) {
    for (const [id, node] of Object.entries(group)) {
      for (const parent of node.depends_on?.nodes ?? []) {
        parentMap[id]?.push(parent);
        const children = childMap[parent] ?? [];
        children.push(id);
        childMap[parent] = children;
      }
    }
  }
  for (const map of [parentMap, childMap]) for (const list of Object.values(map)) list.sort();
  return { parentMap, childMap };
}
