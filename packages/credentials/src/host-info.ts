import { DBT_CLOUD_REGIONS, type DbtCloudRegion, LEGACY_DBT_CLOUD_HOSTS } from "./regions.js";

export type AccessUrlKind = "cell" | "legacy" | "loopback" | "custom";

export interface AccessUrlInfo {
  /** `cell`: `PREFIX.<cell>.dbt.com`; `legacy`: a shared pre-2026 host; `loopback`: a local emulator. */
  readonly kind: AccessUrlKind;
  readonly host: string;
  readonly region?: DbtCloudRegion;
  /** The account prefix of a cell host (`abc123` in `abc123.us1.dbt.com`). */
  readonly accountPrefix?: string;
}

const CELL_HOST = /^([a-z0-9-]+)\.([a-z]{2}\d)\.dbt\.com$/;

export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, "").toLowerCase();
  return host === "localhost" || host === "::1" || /^127(\.\d{1,3}){3}$/.test(host);
}

/** Classifies a normalised access URL (see `normalizeAccessUrl`) by the host it points at. */
export function describeAccessUrl(accessUrl: string): AccessUrlInfo {
  const url = new URL(accessUrl);
  const host = url.hostname.toLowerCase();
  if (isLoopbackHost(host)) return { kind: "loopback", host };
  if (host.endsWith("getdbt.com") || LEGACY_DBT_CLOUD_HOSTS.includes(host)) {
    const region = DBT_CLOUD_REGIONS.find((r) => r.legacyHost === host);
    return region ? { kind: "legacy", host, region } : { kind: "legacy", host };
  }
  const cell = CELL_HOST.exec(host);
  if (cell) {
    const region = DBT_CLOUD_REGIONS.find((r) => r.cell === cell[2]);
    const accountPrefix = cell[1] as string;
    return region ? { kind: "cell", host, region, accountPrefix } : { kind: "cell", host, accountPrefix };
  }
  return { kind: "custom", host };
}

/**
 * The hint to show when dbt Cloud answers 401 on a legacy shared host: since the account-URL
 * migration those hosts reject tokens of accounts that moved to `PREFIX.<cell>.dbt.com`.
 * Returns `undefined` for any other host.
 */
export function legacyHostAuthHint(accessUrl: string): string | undefined {
  let info: AccessUrlInfo;
  try {
    info = describeAccessUrl(accessUrl);
  } catch {
    return undefined;
  }
  if (info.kind !== "legacy") return undefined;
  const cell = info.region?.cell ?? "us1";
  return (
    `The access URL ${accessUrl} is a legacy shared dbt Cloud host, which stops serving accounts that moved ` +
    `to account-scoped URLs (ACCOUNT_PREFIX.${cell}.dbt.com). Copy your account's URL from ` +
    `Account settings → Access URLs and pass it as access-url / DBT_CLOUD_ACCESS_URL.`
  );
}
