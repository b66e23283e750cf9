import { DbtCloudCredentialsError } from "./errors.js";
import { isLoopbackHost } from "./host-info.js";
import { redactUrlForDisplay, trimTrailingSlashes } from "./url-display.js";

const FIX =
  "Use your account's access URL from dbt Cloud Account settings → Access URLs, " +
  "e.g. https://cloud.getdbt.com or https://ACCOUNT_PREFIX.us1.dbt.com.";

/** Every message shows the input with userinfo and query redacted, whatever check failed. */
function fail(label: string, raw: string, problem: string): never {
  throw new DbtCloudCredentialsError(
    "accessUrl",
    `${label} ${JSON.stringify(redactUrlForDisplay(raw).slice(0, 200))} ${problem}.`,
    FIX,
  );
}

/**
 * Normalises an access URL to its origin (`https://host[:port]`, no trailing slash).
 * Accepts a bare host, a URL with or without a trailing slash, and a trailing `/api`
 * (or `/api/v2`, `/api/v3`). Requires https except for loopback hosts.
 */
export function normalizeAccessUrl(raw: string, label = "accessUrl"): string {
  const input = raw.trim();
  if (input === "") fail(label, raw, "is empty");
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(input) ? input : `https://${input}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    // No `cause`: the parser's TypeError carries the whole input (userinfo included) as `input`.
    fail(label, input, "is not a valid URL or host name");
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    fail(label, input, `uses the scheme ${url.protocol.replace(":", "")}; only https is supported`);
  }
  if (url.username || url.password) fail(label, input, "contains credentials");
  if (url.search || url.hash) fail(label, input, "has a query string or fragment");
  const path = trimTrailingSlashes(url.pathname);
  if (path !== "" && !/^\/api(\/v[23])?$/i.test(path)) {
    fail(
      label,
      input,
      `has the path ${JSON.stringify(url.pathname.slice(0, 200))}; give the host only (an /api suffix is fine)`,
    );
  }
  const loopback = isLoopbackHost(url.hostname);
  if (url.protocol === "http:" && !loopback) {
    fail(
      label,
      input,
      "uses http; dbt Cloud requires https (plain http is allowed only for 127.0.0.1/localhost)",
    );
  }
  if (!loopback && !url.hostname.includes(".")) {
    fail(label, input, "is not a fully qualified host name");
  }
  return url.origin;
}
