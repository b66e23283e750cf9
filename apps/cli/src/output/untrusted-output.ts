import { fstatSync } from "node:fs";
import { createUntrustedPrinter } from "@dbt-cloud-kit/app-kit";
import { stripTerminalControls } from "./terminal-text.js";

/**
 * The one way the CLI prints. `text` is for our own words only; anything that came from dbt Cloud or
 * from artifacts (logs, status messages, names, URLs, error bodies) goes through `line` or `block`.
 */
export interface TextOutput {
  /** Trusted text written by the CLI itself (one or more lines, no trailing newline needed). */
  text(trusted: string): void;
  /** A trusted, non-blank prefix followed by an untrusted value. */
  line(trustedPrefix: string, untrustedValue?: string): void;
  /** Untrusted text of any shape (step logs, Markdown). */
  block(untrusted: string): void;
  /** The stream is read by a GitHub Actions runner, so workflow commands are neutralised. */
  readonly runnerParsed: boolean;
}

export interface OutputStream {
  write(chunk: string): unknown;
  fd?: number;
  isTTY?: boolean;
}

/**
 * Under GitHub Actions (`GITHUB_ACTIONS=true`) the runner parses the step's stdout and stderr for
 * workflow commands, so untrusted text goes through app-kit's printer (stop-commands blocks) — unless the
 * stream was redirected to a file, which the runner never reads. Everywhere, terminal escape sequences in
 * untrusted text are removed.
 */
export function createTextOutput(stream: OutputStream, env: NodeJS.ProcessEnv): TextOutput {
  const runnerParsed = env.GITHUB_ACTIONS === "true" && !isRegularFile(stream);
  const write = (text: string) => {
    stream.write(`${text}\n`);
  };
  const printer = runnerParsed ? createUntrustedPrinter(write) : undefined;
  return {
    runnerParsed,
    text: write,
    line(prefix, value) {
      const clean = value === undefined ? undefined : stripTerminalControls(value);
      if (printer) printer.line(prefix, clean);
      else write(`${prefix}${clean ?? ""}`);
    },
    block(untrusted) {
      const clean = stripTerminalControls(untrusted);
      if (clean === "") return;
      if (printer) printer.block(clean);
      else write(clean.replace(/\n$/, ""));
    },
  };
}

function isRegularFile(stream: OutputStream): boolean {
  if (typeof stream.fd !== "number") return false;
  try {
    return fstatSync(stream.fd).isFile();
  } catch {
    return false;
  }
}
