import {
  DbtCommandLineError,
  type ParsedDbtCommand,
  parseDbtCommand as parseCommandLine,
} from "@dbt-cloud-kit/assets";

/**
 * A job step's dbt command line: what `parseDbtCommand` from `@dbt-cloud-kit/assets` reads in it, plus
 * the line itself and the command the emulator dispatches on.
 */
export interface DbtCommand extends ParsedDbtCommand {
  raw: string;
  /** `command` ("build", "docs generate", …), or "" when the line cannot be parsed. */
  subcommand: string;
  /** Why the line cannot be parsed (no command, a flag without its value, an unbalanced quote). */
  lineError?: string;
}

/**
 * Parses a step's command line with the assets parser. A line it rejects does not throw: the step fails
 * with the parser's message, as dbt fails an invocation it cannot parse.
 */
export function parseDbtCommand(raw: string): DbtCommand {
  try {
    const parsed = parseCommandLine(raw);
    return { ...parsed, raw, subcommand: parsed.command };
  } catch (error) {
    if (!(error instanceof DbtCommandLineError)) throw error;
    // The parser's defaults (a bare command), emptied: no command, nothing selected, the step fails.
    const defaults = parseCommandLine(["unparsed"]);
    return {
      ...defaults,
      argv: [],
      command: "",
      raw,
      subcommand: "",
      lineError: error.message,
    };
  }
}

/** Commands the emulator executes: they run the selected nodes and write run_results.json. */
export const EXECUTING_COMMANDS = new Set([
  "build",
  "run",
  "test",
  "seed",
  "snapshot",
  "clone",
  "compile",
  "docs generate",
  "retry",
]);

/** Commands that succeed without writing run_results.json (a manifest is still written after parsing). */
export const NON_EXECUTING_COMMANDS = new Set([
  "parse",
  "deps",
  "debug",
  "clean",
  "ls",
  "list",
  "run-operation",
  "source freshness",
  "show",
]);

/** Commands `dbt retry` can resume (others report RETRY_UNSUPPORTED_CMD). */
export const RETRYABLE_COMMANDS = new Set([
  "build",
  "run",
  "test",
  "seed",
  "snapshot",
  "compile",
  "clone",
  "retry",
]);
