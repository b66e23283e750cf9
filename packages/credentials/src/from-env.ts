import { type DbtCloudCredentials, parseCredentials } from "./credentials.js";

/** The environment variables `credentialsFromEnv` reads, by field: the one definition of these names. */
export const CREDENTIAL_ENV_VARS = {
  accountId: "DBT_CLOUD_ACCOUNT_ID",
  token: "DBT_CLOUD_API_TOKEN",
  accessUrl: "DBT_CLOUD_ACCESS_URL",
} as const;

/**
 * Reads `DBT_CLOUD_ACCOUNT_ID`, `DBT_CLOUD_API_TOKEN` and `DBT_CLOUD_ACCESS_URL` (optional,
 * default `https://cloud.getdbt.com`). Errors name the environment variable.
 */
export function credentialsFromEnv(
  env: Readonly<Record<string, string | undefined>> = process.env,
): DbtCloudCredentials {
  return parseCredentials(
    {
      accountId: env[CREDENTIAL_ENV_VARS.accountId],
      token: env[CREDENTIAL_ENV_VARS.token],
      accessUrl: env[CREDENTIAL_ENV_VARS.accessUrl],
    },
    CREDENTIAL_ENV_VARS,
  );
}
