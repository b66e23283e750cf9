import { createHash } from "node:crypto";
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
 * The emulator's default dbt project: a small shop with sources, seeds, staging views, an ephemeral
 * model, marts, an incremental model, a snapshot, generic and singular tests, a unit test, an analysis
 * and an exposure, shaped like a dbt 1.9 manifest v12. Deterministic: the same JSON every time.
 */
export const SHOP_PROJECT_NAME = "emulated_shop";

const PKG = SHOP_PROJECT_NAME;
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

/** A shop node's common fields: `path` is the file path inside its resource folder. */
function shopNode(
  resourceType: string,
  name: string,
  originalFilePath: string,
  fqn: string[],
  schema: string,
): ManifestEntry {
  return commonNode({
    resourceType,
    name,
    packageName: PKG,
    uniqueId: `${resourceType}.${PKG}.${name}`,
    path: originalFilePath.split("/").slice(1).join("/"),
    originalFilePath,
    fqn,
    database: DATABASE,
    schema,
    checksum: { name: "sha256", checksum: sha256(`${resourceType}:${name}`) },
    createdAt: CREATED_AT,
  });
}

function sourceId(source: string, table: string): string {
  return `source.${PKG}.${source}.${table}`;
}

/** Generates the shop project's manifest (see {@link SHOP_PROJECT_NAME}). */
export function generateShopProject(): GeneratedManifest {
  const nodes: Record<string, ManifestEntry> = {};
  const sources: Record<string, ManifestEntry> = {};
  const exposures: Record<string, ManifestEntry> = {};
  const unitTests: Record<string, ManifestEntry> = {};
  const idByName = new Map<string, string>();
  const idOf = (name: string): string => {
    const id = idByName.get(name);
    if (!id) throw new Error(`shop project: ${name} is used before it is defined`);
    return id;
  };

  for (const s of SOURCES) {
    const id = sourceId(s.source, s.table);
    sources[id] = sourceNode({
      uniqueId: id,
      sourceName: s.source,
      name: s.table,
      packageName: PKG,
      database: "raw",
      schema: "shop",
      file: "models/staging/_sources.yml",
      fqn: [PKG, "staging", s.source, s.table],
      sourceDescription: "Raw tables replicated from the shop application.",
      description: s.description,
      columns: {},
      tags: [],
      relationName: `"raw"."shop"."${s.table}"`,
      createdAt: CREATED_AT,
    });
  }

  for (const seed of SEEDS) {
    const node = shopNode("seed", seed.name, `seeds/${seed.name}.csv`, [PKG, seed.name], SCHEMA);
    Object.assign(node, {
      config: nodeConfig("seed", { delimiter: ",", quote_columns: null }),
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
    const node = shopNode("model", model.name, file, [PKG, model.dir, model.name], SCHEMA);
    const refs = model.refs.map(idOf);
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
    Object.assign(
      node,
      {
        config: nodeConfig(model.materialized, { tags: model.tags ?? [], access: "protected" }),
        tags: model.tags ?? [],
        description: model.description,
        columns: columnEntries(model.columns ?? []),
        patch_path: `${PKG}://models/${model.dir}/_${model.dir}.yml`,
      },
      sqlNodeFields({
        relationName: model.materialized === "ephemeral" ? null : relation(SCHEMA, model.name),
        rawCode,
        refs: model.refs,
        sources: model.sources ?? [],
        dependsOn: {
          macros: model.materialized === "incremental" ? ["macro.dbt.is_incremental"] : [],
          nodes: [...refs, ...srcIds],
        },
        compiledPath: `target/compiled/${PKG}/${file}`,
      }),
    );
    nodes[node.unique_id] = node;
    idByName.set(model.name, node.unique_id);
  }

  const snapshot = shopNode(
    "snapshot",
    "customers_snapshot",
    "snapshots/customers_snapshot.sql",
    [PKG, "customers_snapshot", "customers_snapshot"],
    "snapshots",
  );
  Object.assign(snapshot, {
    config: nodeConfig("snapshot", {
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
    const modelId = idOf(t.model);
    const name =
      t.test === "relationships"
        ? `relationships_${t.model}_${t.column}__customer_id__ref_customers_`
        : `${t.test}_${t.model}_${t.column}`;
    const hash = sha256(name).slice(0, 10);
    const node = shopNode("test", name, "models/_schema.yml", [PKG, name], `${SCHEMA}_dbt_test__audit`);
    const parents = t.test === "relationships" ? [idOf("customers"), modelId] : [modelId];
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
    nodes[node.unique_id] = node;
  }

  for (const t of SINGULAR_TESTS) {
    const file = `tests/${t.name}.sql`;
    const node = shopNode("test", t.name, file, [PKG, t.name], `${SCHEMA}_dbt_test__audit`);
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
      depends_on: { macros: [], nodes: t.refs.map(idOf) },
      compiled_path: `target/compiled/${PKG}/${file}`,
    });
    nodes[node.unique_id] = node;
  }

  const analysis = shopNode(
    "analysis",
    "revenue_by_country",
    "analyses/revenue_by_country.sql",
    [PKG, "analysis", "revenue_by_country"],
    SCHEMA,
  );
  Object.assign(analysis, {
    config: nodeConfig("view"),
    raw_code: "select country_code, sum(lifetime_value) from {{ ref('customers') }} group by 1",
    language: "sql",
    refs: [{ name: "customers", package: null, version: null }],
    sources: [],
    metrics: [],
    depends_on: { macros: [], nodes: [idOf("customers")] },
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
    depends_on: { macros: [], nodes: [idOf("customer_segments")] },
    config: { tags: [], meta: {}, enabled: true },
    checksum: sha256("unit_test:test_segment_thresholds"),
    schema: SCHEMA,
    created_at: CREATED_AT,
    versions: null,
    version: null,
  };

  const exposureId = `exposure.${PKG}.weekly_revenue_dashboard`;
  exposures[exposureId] = exposureNode({
    uniqueId: exposureId,
    name: "weekly_revenue_dashboard",
    packageName: PKG,
    path: "marts/_exposures.yml",
    originalFilePath: "models/marts/_exposures.yml",
    fqn: [PKG, "marts", "weekly_revenue_dashboard"],
    owner: { email: "analytics@example.com", name: "Analytics" },
    description: "Revenue by week for the leadership meeting.",
    label: "Weekly revenue",
    tags: [],
    url: "https://bi.example.com/dashboards/revenue",
    nodes: [idOf("fct_daily_revenue"), idOf("customer_segments")],
    refs: ["fct_daily_revenue", "customer_segments"],
    createdAt: CREATED_AT,
  });

  return manifestDocument({
    projectName: PKG,
    projectId: sha256(PKG).slice(0, 32),
    invocationId: "00000000-0000-4000-8000-000000000001",
    adapterType: "postgres",
    nodes,
    sources,
    exposures,
    unitTests,
  });
}
