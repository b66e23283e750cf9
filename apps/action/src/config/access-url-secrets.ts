import type { InputProblem } from "./input-error.js";
import { urlSecrets } from "./redact-url.js";

/**
 * access-url must be the account's bare URL: userinfo, a query string or a fragment are refused, and the
 * message shows the value with them redacted so no secret in it is echoed in any form.
 *
 * The credentials package's `normalizeAccessUrl` owns the URL rules; this check runs first so that its
 * messages (which quote the value) never see such a value. Once it redacts on its own, this can go.
 */
export function accessUrlSecretsProblem(value: string): InputProblem | undefined {
  const { redacted, parts } = urlSecrets(value.trim());
  if (parts.length === 0) return undefined;
  const list = parts.length === 1 ? parts[0] : `${parts.slice(0, -1).join(", ")} and ${parts.at(-1)}`;
  return {
    input: "access-url",
    problem: `${JSON.stringify(redacted.slice(0, 200))} contains ${list}`,
    fix:
      "set access-url to your account's access URL alone (Account settings → Access URLs, e.g. " +
      "https://ab123.us1.dbt.com); the token belongs in api-token",
  };
}
