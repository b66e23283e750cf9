import { REQUEST_TIMEOUT_OPTION } from "@dbt-cloud-kit/app-kit";
import type { DbtCloudClient, DbtCloudClientOptions } from "@dbt-cloud-kit/client";
import { DbtCloudCredentialsError, parseCredentials } from "@dbt-cloud-kit/credentials";
import type { CliContext } from "../context/cli-context.js";
import { CliUsageError, type UsageProblem } from "../errors/cli-errors.js";
import { readToken, refuseTokenOnCommandLine } from "./read-token.js";

const PROXY_VARS = ["HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy"];

/**
 * Credentials from --account-id / --access-url (falling back to DBT_CLOUD_ACCOUNT_ID /
 * DBT_CLOUD_ACCESS_URL) and the token from DBT_CLOUD_API_TOKEN or --token-file, validated by
 * @dbt-cloud-kit/credentials before any request; then the client, on Node's fetch unless a proxy is set.
 */
export async function clientOptions(ctx: CliContext): Promise<DbtCloudClientOptions> {
  refuseTokenOnCommandLine(ctx);
  const problems: UsageProblem[] = [];
  const requestTimeout = REQUEST_TIMEOUT_OPTION.check(
    ctx.globals.requestTimeout ?? REQUEST_TIMEOUT_OPTION.defaultValue ?? "30",
  );
  if (!requestTimeout.ok)
    problems.push({ source: "--request-timeout", problem: requestTimeout.problem, fix: requestTimeout.fix });
  const { token, source } = await readToken(ctx.globals.tokenFile, ctx.env, ctx.stdin);
  const accountId = ctx.globals.accountId ?? ctx.env.DBT_CLOUD_ACCOUNT_ID ?? "";
  const accessUrl = ctx.globals.accessUrl ?? ctx.env.DBT_CLOUD_ACCESS_URL ?? "";
  const labels = {
    accountId: ctx.globals.accountId !== undefined ? "--account-id" : "DBT_CLOUD_ACCOUNT_ID",
    accessUrl: ctx.globals.accessUrl !== undefined ? "--access-url" : "DBT_CLOUD_ACCESS_URL",
    token: source,
  };
  if (token === "") {
    problems.push({
      source,
      problem: source === "DBT_CLOUD_API_TOKEN" ? "is not set" : "is empty",
      fix: "export DBT_CLOUD_API_TOKEN (a service token with Job Admin or Job Runner), or pass --token-file FILE / --token-file - (stdin)",
    });
  }
  if (accountId.trim() === "") {
    problems.push({
      source: "--account-id",
      problem: "is missing and DBT_CLOUD_ACCOUNT_ID is not set",
      fix: "pass --account-id (the number after /deploy/ in dbt Cloud URLs) or export DBT_CLOUD_ACCOUNT_ID",
    });
  }
  let credentials: ReturnType<typeof parseCredentials> | undefined;
  if (problems.length === 0) {
    try {
      credentials = parseCredentials({ accountId, token, accessUrl }, labels);
    } catch (error) {
      if (!(error instanceof DbtCloudCredentialsError)) throw error;
      const label = labels[error.field];
      let problem = error.message.slice(0, error.message.length - error.fix.length).trim();
      if (problem.startsWith(`${label} `)) problem = problem.slice(label.length + 1);
      problems.push({ source: label, problem, fix: error.fix || "see dbt-cloud-kit --help" });
    }
  }
  if (problems.length > 0 || credentials === undefined || !requestTimeout.ok)
    throw new CliUsageError(problems);
  const proxied = PROXY_VARS.some((name) => ctx.env[name]);
  if (proxied) {
    const { loadUndici } = await import("@dbt-cloud-kit/app-kit/bundle/lazy-undici");
    await loadUndici();
  }
  return {
    credentials,
    logger: ctx.logger,
    requestTimeoutMs: requestTimeout.value,
    // Without a proxy, Node's own fetch (keep-alive included); with one, the client's proxy dispatcher.
    ...(proxied ? {} : { fetch: (input, init) => globalThis.fetch(input, init as unknown as RequestInit) }),
  };
}

/** The client every command but `sensor` uses (bundled; see tsup.config.ts). */
export async function createClient(ctx: CliContext): Promise<DbtCloudClient> {
  const options = await clientOptions(ctx);
  const { DbtCloudClient } = await import("@dbt-cloud-kit/client");
  return new DbtCloudClient(options);
}
