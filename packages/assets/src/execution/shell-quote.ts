import { DbtCloudAssetsError } from "../errors/dbt-cloud-assets-error.js";

const SAFE_TOKEN = /^[A-Za-z0-9_@%+=:,./-]+$/;

/** POSIX shell quoting of one argv token, as Python's `shlex.quote` does it. */
export function shellQuote(token: string): string {
  if (token === "") return "''";
  if (SAFE_TOKEN.test(token)) return token;
  return `'${token.replaceAll("'", `'"'"'`)}'`;
}

/** Thrown for an argv that cannot become a dbt Cloud step. */
export class DbtCommandError extends DbtCloudAssetsError {
  override readonly name: string = "DbtCommandError";
}

/**
 * `["build", "--vars", '{"a": 1}']` -> `dbt build --vars '{"a": 1}'`: one dbt Cloud step, every
 * token quoted on its own so values with spaces stay one argument.
 */
export function dbtCommandFromArgv(argv: readonly string[]): string {
  const args = argv[0] === "dbt" ? argv.slice(1) : argv;
  const first = args[0];
  if (first === undefined || first.trim() === "") {
    throw new DbtCommandError(
      'args: the dbt command is empty. Pass the dbt sub-command and its flags as separate tokens, e.g. ["build", "--select", "orders"].',
    );
  }
  if (first.startsWith("-") || /\s/.test(first)) {
    throw new DbtCommandError(
      `args: the first token must be a dbt sub-command such as "build" or "run", got ${JSON.stringify(first)}. ` +
        'Pass each token separately, e.g. ["build", "--select", "orders"], not one string.',
    );
  }
  return `dbt ${args.map(shellQuote).join(" ")}`;
}
