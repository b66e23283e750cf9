import { DbtCloudClient } from "@dbt-cloud-kit/client";
import type { ActionConfig } from "./config/action-config.js";
import { coreLogger } from "./github/core-logger.js";
import { httpOptions } from "./run/http-options.js";

/** The one dbt Cloud client of a step (main and post build it the same way). */
export async function createClient(config: ActionConfig, env: NodeJS.ProcessEnv): Promise<DbtCloudClient> {
  return new DbtCloudClient({
    credentials: config.credentials,
    logger: coreLogger(),
    requestTimeoutMs: config.requestTimeoutMs,
    ...(await httpOptions(env)),
  });
}
