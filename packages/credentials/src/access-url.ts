import { DbtCloudCredentialsError } from "./errors.js";
import { isLoopbackHost } from "./loopback.js";
import { findUrlSecrets } from "./redact-url.js";
import { trimTrailingSlashes } from "./trim-trailing-slashes.js";

/** How to fix a bad access URL. */
export const ACCESS_URL_FIX =
  "Use your account's access URL from dbt Cloud Account settings → Access URLs, " +
  "e.g. https://cloud.getdbt.com or https://ACCOUNT_PREFIX.us1.dbt.com.";

/**
 * Why `raw` is not a usable access URL (the problem reads after the field's name and shows the value
 * with user info, query and fragment redacted), or its normalised origin.
 */
export function checkAccessUrl(raw: string): { origin: string } | { problem: string } {
  const input = raw.trim();
  if (input === "") return { problem: "is empty" };
  // Everything echoed from here on is redacted: the input may carry a password or a token in a query.
  const secrets = findUrlSecrets(input);
  const shown = JSON.stringify(secrets.redacted.slice(0, 200));
  if (secrets.userInfo) {
    return { problem: `${shown} contains credentials (user info before "@"); remove them` };
  }
  if (secrets.query || secrets.fragment) {
    return { problem: `${shown} has a query string or fragment; give the host only` };
  }
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(input) ? input : `https://${input}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    // The URL error is not kept as a cause: Node's ERR_INVALID_URL carries the raw input in `.input`.
    return { problem: `${shown} is not a valid URL or host name` };
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    return { problem: `${shown} uses the scheme ${url.protocol.replace(":", "")}; only https is supported` };
  }
  if (url.username || url.password) return { problem: `${shown} contains credentials; remove them` };
  if (url.search || url.hash)
    return { problem: `${shown} has a query string or fragment; give the host only` };
  const path = trimTrailingSlashes(url.pathname);
  if (path !== "" && !/^\/api(\/v[23])?$/i.test(path)) {
    return {
      problem: `${shown} has the path ${JSON.stringify(url.pathname.slice(0, 200))}; give the host only (an /api suffix is fine)`,
    };
  }
  const loopback = isLoopbackHost(url.hostname);
  if (url.protocol === "http:" && !loopback) {
    return {
      problem: `${shown} uses http; dbt Cloud requires https (plain http is allowed only for 127.0.0.1/localhost)`,
    };
  }
  if (!loopback && !url.hostname.includes("."))
    return { problem: `${shown} is not a fully qualified host name` };
  return { origin: url.origin };
}

/**
 * Normalises an access URL to its origin (`https://host[:port]`, no trailing slash).
 * Accepts a bare host, a URL with or without a trailing slash, and a trailing `/api`
 * (or `/api/v2`, `/api/v3`). Requires https except for loopback hosts. User info, a query string or a
 * fragment is an error whose message shows the URL redacted (`https://***@host/?***`).
 */
export function normalizeAccessUrl(raw: string, label = "accessUrl"): string {
  const checked = checkAccessUrl(raw);
  if ("origin" in checked) return checked.origin;
  throw new DbtCloudCredentialsError(
    [{ field: "accessUrl", problem: checked.problem, fix: ACCESS_URL_FIX }],
    {
      labels: { accessUrl: label },
    },
  );
}
