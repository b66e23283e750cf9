import type { Logger } from "@dbt-cloud-kit/client";
import { annotate, debug, print } from "./action-log.js";

/**
 * Library logs through the action's printer: their messages carry text from dbt Cloud (API error bodies,
 * run status messages), so they never reach the runner raw. Debug only shows with step debug logging on;
 * warnings from the libraries (retries, fallbacks) are plain log lines, not annotations, so the run page
 * stays clean.
 */
export function coreLogger(): Logger {
  return {
    debug: (message) => debug(message),
    info: (message) => print.text(message),
    warn: (message) => print.line("Warning: ", message),
    error: (message) => annotate("error", message),
  };
}
