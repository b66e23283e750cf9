/** Lenient types for dbt's `catalog.json` (schema v1). Unknown fields are kept. */

export interface DbtCatalogTableMetadata {
  type?: string;
  schema?: string;
  name?: string;
  database?: string | null;
  comment?: string | null;
  owner?: string | null;
  [key: string]: unknown;
}

export interface DbtCatalogColumn {
  type: string;
  index?: number;
  name: string;
  comment?: string | null;
  [key: string]: unknown;
}

export interface DbtCatalogStat {
  id: string;
  label?: string;
  value?: unknown;
  include?: boolean;
  description?: string | null;
  [key: string]: unknown;
}

export interface DbtCatalogTable {
  metadata: DbtCatalogTableMetadata;
  columns: Record<string, DbtCatalogColumn>;
  stats?: Record<string, DbtCatalogStat>;
  unique_id?: string | null;
  [key: string]: unknown;
}

export interface DbtCatalogMetadata {
  /** `https://schemas.getdbt.com/dbt/catalog/v1.json` */
  dbt_schema_version: string;
  dbt_version?: string;
  generated_at?: string;
  invocation_id?: string | null;
  env?: Record<string, string>;
  [key: string]: unknown;
}

export interface DbtCatalog {
  metadata: DbtCatalogMetadata;
  nodes: Record<string, DbtCatalogTable>;
  sources: Record<string, DbtCatalogTable>;
  errors?: string[] | null;
  [key: string]: unknown;
}
