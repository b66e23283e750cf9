import * as core from "@actions/core";
import type { Logger } from "@dbt-cloud-kit/client";

/**
 * Library logs through @actions/core: debug only shows with step debug logging on; warnings from the
 * libraries (retries, fallbacks) are plain log lines, not annotations, so the run page stays clean.
 */
export function coreLogger(): Logger {
  return {
    debug: (message) => core.debug(message),
    info: (message) => core.info(message),
    warn: (message) => core.info(`Warning: ${message}`),
    error: (message) => core.error(message),
  };
}
