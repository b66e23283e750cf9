import { quote } from "@dbt-cloud-kit/app-kit";
import { PROXY_VARS } from "@dbt-cloud-kit/client";
import { redactUrlSecrets } from "@dbt-cloud-kit/credentials";
import type { InputProblem } from "./input-error.js";

/** What undici's ProxyAgent can talk to. */
const PROXY_PROTOCOLS = new Set(["http:", "https:", "socks:", "socks5:"]);

/**
 * A set but malformed proxy variable would only fail at the first request, with undici's terse "Invalid
 * URL": report it with the other input problems instead, credentials in the value redacted.
 */
export function proxyProblems(env: NodeJS.ProcessEnv): InputProblem[] {
  const problems: InputProblem[] = [];
  for (const name of PROXY_VARS) {
    const value = env[name];
    if (value === undefined || value === "") continue;
    const problem = proxyUrlProblem(value);
    if (problem === undefined) continue;
    problems.push({
      input: name,
      source: "variable",
      problem: `${quote(redactUrlSecrets(value))} ${problem}`,
      fix: `set ${name} to the proxy's URL, e.g. http://proxy.example.com:3128 (http, https or socks5), or unset it`,
    });
  }
  return problems;
}

function proxyUrlProblem(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return "is not a URL";
  }
  if (!PROXY_PROTOCOLS.has(url.protocol)) {
    return /^[a-z][a-z0-9+.-]*:\/\//i.test(value)
      ? `uses the scheme ${url.protocol.slice(0, -1)}, which is not a proxy protocol`
      : "has no scheme";
  }
  if (url.hostname === "") return "has no host";
  return undefined;
}
