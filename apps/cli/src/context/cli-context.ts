import type { Logger } from "@dbt-cloud-kit/client";
import { colorEnabled, createStyle, type Style } from "../output/style.js";
import { createTextOutput, type OutputStream, type TextOutput } from "../output/untrusted-output.js";

/** Options every command accepts (defined on the program, shown in each command's help). */
export interface GlobalOptions {
  accountId?: string;
  accessUrl?: string;
  tokenFile?: string;
  json?: boolean;
  quiet?: boolean;
  verbose?: boolean;
  color?: boolean;
  requestTimeout?: string;
  token?: string;
  apiToken?: string;
}

export interface CliIo {
  env: NodeJS.ProcessEnv;
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  stdout: OutputStream;
  stderr: OutputStream;
}

/** Everything a command handler needs besides its own options. */
export interface CliContext {
  env: NodeJS.ProcessEnv;
  stdin: CliIo["stdin"];
  stdout: OutputStream;
  stderr: OutputStream;
  globals: GlobalOptions;
  json: boolean;
  quiet: boolean;
  verbose: boolean;
  /** Results (tables, logs, final lines): stdout, unless --json, when stdout holds JSON only. */
  out: TextOutput;
  /** Progress, notes, warnings, errors: stderr. */
  err: TextOutput;
  outStyle: Style;
  errStyle: Style;
  /** Aborted on SIGINT / SIGTERM. */
  signal: AbortSignal;
  /** Progress and notes (not with --quiet). */
  info(trusted: string, untrusted?: string): void;
  warn(trusted: string, untrusted?: string): void;
  debug(trusted: string, untrusted?: string): void;
  /** The libraries' logger: debug lines only with --verbose, their warnings as warnings. */
  logger: Logger;
}

export function createContext(io: CliIo, globals: GlobalOptions, signal: AbortSignal): CliContext {
  const json = globals.json === true;
  const quiet = globals.quiet === true;
  const verbose = globals.verbose === true && !quiet;
  const out = createTextOutput(io.stdout, io.env);
  const err = createTextOutput(io.stderr, io.env);
  const outStyle = createStyle(colorEnabled(io.stdout, io.env, globals.color));
  const errStyle = createStyle(colorEnabled(io.stderr, io.env, globals.color));
  const info = (trusted: string, untrusted?: string) => {
    if (!quiet) err.line(trusted, untrusted);
  };
  const warn = (trusted: string, untrusted?: string) =>
    err.line(`${errStyle.yellow("warning:")} ${trusted}`, untrusted);
  const debug = (trusted: string, untrusted?: string) => {
    if (verbose) err.line(`${errStyle.dim("debug:")} ${trusted}`, untrusted);
  };
  return {
    env: io.env,
    stdin: io.stdin,
    stdout: io.stdout,
    stderr: io.stderr,
    globals,
    json,
    quiet,
    verbose,
    out,
    err,
    outStyle,
    errStyle,
    signal,
    info,
    warn,
    debug,
    // Library messages can quote API error bodies: they are untrusted text.
    logger: {
      debug: (message) => debug("(client) ", message),
      info: (message) => debug("(client) ", message),
      warn: (message) => warn("(client) ", message),
      error: (message) => err.line(`${errStyle.red("error:")} `, message),
    },
  };
}
