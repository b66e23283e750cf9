import { createHash } from "node:crypto";
import { emptyRecord } from "../records/empty-record.js";
import type { AssetKey } from "../specs/asset-key.js";
import {
  type DbtResourceProps,
  dagsterMetaOf,
  type JsonValue,
  resourceTypeOf,
} from "../specs/resource-props.js";
import type { SpecMetadata } from "../specs/types.js";
import type { TranslatorContext } from "./translator-context.js";

/**
 * dagster-dbt's key rule: `meta.dagster.asset_key`; sources `[source_name, name]`; versioned models
 * `[alias]`; otherwise `[config.schema, name]` when a schema is configured, else `[name]`.
 */
export function defaultAssetKey(props: DbtResourceProps): AssetKey {
  const configured = dagsterMetaOf(props).asset_key;
  if (Array.isArray(configured) && configured.length > 0 && configured.every((c) => typeof c === "string")) {
    return configured as string[];
  }
  const name = props.name ?? props.unique_id;
  if (resourceTypeOf(props) === "source") return [props.source_name ?? "source", name];
  if (props.version !== undefined && props.version !== null && props.version !== "") {
    return [props.alias ?? name];
  }
  const schema = props.config?.schema;
  return typeof schema === "string" && schema !== "" ? [schema, name] : [name];
}

/** The node's description (or `dbt <type> <name>`), then its raw SQL as a fenced block. */
export function defaultDescription(props: DbtResourceProps, includeRawSql: boolean): string {
  const head = props.description || `dbt ${resourceTypeOf(props)} ${props.name ?? props.unique_id}`;
  const code = props.raw_code ?? props.raw_sql;
  if (!includeRawSql || !code) return head;
  return `${head}\n\n#### Raw SQL:\n\`\`\`sql\n${code}\n\`\`\``;
}

/** `meta.dagster.group`, else the dbt group (`config.group`, older manifests: `group`). */
export function defaultGroupName(props: DbtResourceProps): string | undefined {
  const dagsterGroup = dagsterMetaOf(props).group;
  if (typeof dagsterGroup === "string" && dagsterGroup !== "") return dagsterGroup;
  return dbtGroupOf(props);
}

function dbtGroupOf(props: DbtResourceProps): string | undefined {
  const group = props.config?.group ?? props.group;
  return typeof group === "string" && group !== "" ? group : undefined;
}

/** `meta.dagster.owners`, else the e-mail of the dbt group's owner. */
export function defaultOwners(props: DbtResourceProps, context: TranslatorContext): string[] {
  const owners = dagsterMetaOf(props).owners;
  if (Array.isArray(owners)) return owners.filter((o): o is string => typeof o === "string");
  const group = dbtGroupOf(props);
  const email = group ? context.group(group)?.owner?.email : undefined;
  if (typeof email === "string") return email ? [email] : [];
  return email ? [...email] : [];
}

/** Each dbt tag becomes a tag key with an empty value (a record without prototype: tags are text). */
export function defaultTags(props: DbtResourceProps): Record<string, string> {
  const tags = emptyRecord<string>();
  const configTags = props.config?.tags;
  const source =
    props.tags ??
    (Array.isArray(configTags) ? configTags : typeof configTags === "string" ? [configTags] : []);
  for (const tag of source) if (typeof tag === "string") tags[tag] = "";
  return tags;
}

/** `dbtcloud` plus the adapter (dagster-dbt's cloud kinds: `dbt` is dropped). */
export function defaultKinds(context: TranslatorContext): string[] {
  return context.adapterType ? ["dbtcloud", context.adapterType] : ["dbtcloud"];
}

/**
 * dbt's own checksum of the node's file (sha256, computed at parse time), else sha1 of the raw code:
 * either changes exactly when the code does, and the checksum costs nothing to read.
 */
export function defaultCodeVersion(props: DbtResourceProps): string | undefined {
  const checksum = props.checksum;
  if (typeof checksum === "string" && checksum !== "") return checksum;
  if (typeof checksum === "object" && checksum?.checksum && checksum.name !== "none")
    return checksum.checksum;
  const code = props.raw_code ?? props.raw_sql;
  return code ? createHash("sha1").update(code).digest("hex") : undefined;
}

/** `database.schema.alias` (sources: `identifier`), as dbt would quote-free name it. */
function relationNameOf(props: DbtResourceProps): string | undefined {
  if (props.relation_name) return props.relation_name;
  const table =
    resourceTypeOf(props) === "source" ? (props.identifier ?? props.name) : (props.alias ?? props.name);
  const parts = [props.database, props.schema, table].filter(
    (p): p is string => typeof p === "string" && p !== "",
  );
  return parts.length === 3 ? parts.join(".") : undefined;
}

/** Unique id, resource type, package, file, relation name, materialization and column schema. */
export function defaultMetadata(props: DbtResourceProps): SpecMetadata {
  const metadata: SpecMetadata = { unique_id: props.unique_id, resource_type: resourceTypeOf(props) };
  if (props.package_name) metadata.package_name = props.package_name;
  if (props.original_file_path) metadata.original_file_path = props.original_file_path;
  const relation = relationNameOf(props);
  if (relation) metadata.relation_name = relation;
  const materialized = props.config?.materialized;
  if (typeof materialized === "string") metadata.materialization = materialized;
  const columns = columnSchema(props);
  if (columns.length > 0) metadata.columns = columns;
  return metadata;
}

function columnSchema(props: DbtResourceProps): JsonValue[] {
  const out: JsonValue[] = [];
  for (const [key, column] of Object.entries(props.columns ?? {})) {
    const entry: { [k: string]: JsonValue } = { name: column.name ?? key, type: column.data_type || "?" };
    if (column.description) entry.description = column.description;
    if (column.tags && column.tags.length > 0) entry.tags = [...column.tags];
    out.push(entry);
  }
  return out;
}
