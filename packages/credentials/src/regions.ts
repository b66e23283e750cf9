/** A dbt Cloud multi-tenant cell: account URLs look like `ACCOUNT_PREFIX.<cell>.dbt.com`. */
export interface DbtCloudRegion {
  readonly cell: string;
  readonly cloud: "AWS" | "Azure" | "GCP";
  readonly location: string;
  /** The shared host this region used before account-scoped URLs, if it had one. */
  readonly legacyHost?: string;
}

export const DBT_CLOUD_REGIONS: readonly DbtCloudRegion[] = Object.freeze([
  { cell: "us1", cloud: "AWS", location: "North America (us-east-1)", legacyHost: "cloud.getdbt.com" },
  { cell: "eu1", cloud: "AWS", location: "EMEA (eu-central-1)", legacyHost: "emea.dbt.com" },
  { cell: "au1", cloud: "AWS", location: "APAC (ap-southeast-2)", legacyHost: "au.dbt.com" },
  { cell: "jp1", cloud: "AWS", location: "Japan (ap-northeast-1)" },
  { cell: "us2", cloud: "Azure", location: "East US 2" },
  { cell: "eu2", cloud: "Azure", location: "North Europe" },
  { cell: "au2", cloud: "Azure", location: "Australia East" },
  { cell: "us3", cloud: "GCP", location: "us-central1" },
  { cell: "eu3", cloud: "GCP", location: "London" },
  { cell: "eu4", cloud: "GCP", location: "Frankfurt" },
]);

/** Shared region hosts that predate account-scoped URLs (`getdbt.com` and the old regional hosts). */
export const LEGACY_DBT_CLOUD_HOSTS: readonly string[] = Object.freeze(
  DBT_CLOUD_REGIONS.flatMap((r) => (r.legacyHost ? [r.legacyHost] : [])),
);

export const DEFAULT_ACCESS_URL = "https://cloud.getdbt.com";
