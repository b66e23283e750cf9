import { CliUsageError, InterruptedError } from "./cli-errors.js";
import { EXIT } from "./exit-codes.js";

/**
 * The exit code for an error that ended a command. Errors are told apart by name so that this module
 * (loaded for every command, `--help` included) does not load the client.
 */
export function exitCodeOf(error: unknown, signal: AbortSignal): number {
  if (error instanceof CliUsageError) return EXIT.usage;
  if (error instanceof InterruptedError)
    return error.signal === "SIGTERM" ? EXIT.terminated : EXIT.interrupted;
  if (signal.aborted && signal.reason instanceof InterruptedError) {
    return signal.reason.signal === "SIGTERM" ? EXIT.terminated : EXIT.interrupted;
  }
  const name = error instanceof Error ? error.name : "";
  if (name === "DbtCloudCredentialsError" || name === "DbtCloudValidationError") return EXIT.usage;
  if (name === "DbtCloudTimeoutError") return EXIT.timeout;
  return EXIT.apiError;
}

/** What to check, when the kind of error makes it clear (as the action's failure hints). */
export function errorHint(error: unknown): string | undefined {
  const name = error instanceof Error ? error.name : "";
  if (name === "DbtCloudNetworkError") {
    const timedOut = (error as { timedOut?: boolean }).timedOut === true;
    return `dbt Cloud could not be reached: ${timedOut ? "raise --request-timeout if dbt Cloud is just slow, and check" : "check"} --access-url / DBT_CLOUD_ACCESS_URL (your account's access URL, from Account settings) and that this machine can reach it (behind a proxy: HTTPS_PROXY / NO_PROXY).`;
  }
  if (name === "DbtCloudAuthError") {
    return "Check the token (DBT_CLOUD_API_TOKEN or --token-file), --account-id and --access-url.";
  }
  return undefined;
}

/** A stable name for the error's kind in --json output. */
export function errorKind(code: number): "usage" | "timeout" | "interrupted" | "api" | "run" {
  if (code === EXIT.usage) return "usage";
  if (code === EXIT.timeout) return "timeout";
  if (code === EXIT.interrupted || code === EXIT.terminated) return "interrupted";
  if (code === EXIT.runFailed) return "run";
  return "api";
}
