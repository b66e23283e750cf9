import { ACCESS_URL_FIX } from "./access-url.js";
import { DbtCloudCredentialsError } from "./errors.js";
import { isLoopbackHost } from "./loopback.js";
import { redactUrlSecrets } from "./redact-url.js";
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

/**
 * Classifies a normalised access URL (see `normalizeAccessUrl`) by the host it points at; a string that is
 * not a URL is a `DbtCloudCredentialsError`.
 */
export function describeAccessUrl(accessUrl: string): AccessUrlInfo {
  let url: URL;
  try {
    url = new URL(accessUrl);
  } catch {
    throw new DbtCloudCredentialsError([
      {
        field: "accessUrl",
        problem: `${JSON.stringify(redactUrlSecrets(accessUrl).slice(0, 200))} is not a URL`,
        fix: ACCESS_URL_FIX,
      },
    ]);
  }
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
