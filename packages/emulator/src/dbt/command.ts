/** A dbt command line as a job step runs it, reduced to what the emulator needs. */
export interface DbtCommand {
  raw: string;
  /** e.g. "build", "run", "docs generate", "source freshness"; "" when missing. */
  subcommand: string;
  select: string[];
  exclude: string[];
  selector?: string;
  fullRefresh: boolean;
}

const TWO_WORD = new Set(["docs", "source"]);

function tokenize(command: string): string[] {
  const tokens: string[] = [];
  const re = /"([^"]*)"|'([^']*)'|(\S+)/g;
  for (const m of command.matchAll(re)) tokens.push(m[1] ?? m[2] ?? m[3] ?? "");
  return tokens;
}

export function parseDbtCommand(raw: string): DbtCommand {
  const tokens = tokenize(raw.trim());
  const args = tokens[0] === "dbt" ? tokens.slice(1) : tokens;
  let i = 0;
  while (i < args.length && args[i]?.startsWith("-")) i++; // global flags such as --debug
  let subcommand = args[i] ?? "";
  i++;
  if (TWO_WORD.has(subcommand) && args[i] && !args[i]?.startsWith("-")) {
    subcommand = `${subcommand} ${args[i]}`;
    i++;
  }
  const command: DbtCommand = { raw, subcommand, select: [], exclude: [], fullRefresh: false };
  let bucket: string[] | undefined;
  for (; i < args.length; i++) {
    const token = args[i] ?? "";
    if (token === "--select" || token === "-s" || token === "--models" || token === "-m")
      bucket = command.select;
    else if (token === "--exclude") bucket = command.exclude;
    else if (token === "--selector") {
      const value = args[i + 1];
      if (value !== undefined) command.selector = value;
      i++;
      bucket = undefined;
    } else if (token === "--full-refresh") {
      command.fullRefresh = true;
      bucket = undefined;
    } else if (token.startsWith("-")) bucket = undefined;
    else bucket?.push(token);
  }
  return command;
}

/** Commands that execute nodes and write run_results.json, with the resource types they run. */
export const RESOURCE_TYPES_BY_COMMAND: Readonly<Record<string, readonly string[]>> = {
  build: ["seed", "model", "snapshot", "test", "unit_test"],
  run: ["model"],
  test: ["test", "unit_test"],
  seed: ["seed"],
  snapshot: ["snapshot"],
  compile: ["model", "test", "snapshot", "analysis"],
  "docs generate": ["model", "seed", "snapshot"],
  retry: ["seed", "model", "snapshot", "test", "unit_test"],
  clone: ["model", "seed", "snapshot"],
};

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
