import { randomBytes } from "node:crypto";
import { neutraliseWorkflowCommands } from "./neutralise-workflow-commands.js";
import {
  hasRunnerLineBreak,
  LEGACY_COMMAND_MARKER,
  RUNNER_LINE_BREAK,
  startsRunnerCommand,
  trimRunnerStart,
} from "./runner-line.js";

/** Prints text that came from dbt Cloud or from artifacts to a stream the Actions runner parses. */
export interface UntrustedPrinter {
  /**
   * One line: a trusted, non-blank prefix, then a single-line untrusted value, which therefore never starts
   * the line. A value with a line break (`\r` too) or the legacy `##[` marker is printed as a block instead,
   * after the prefix on its own line.
   */
  line(trustedPrefix: string, untrustedValue?: string): void;
  /**
   * Untrusted text of any shape between `::stop-commands::<token>` and `::<token>::`, with a fresh
   * 128-bit random token per block: the runner executes nothing in between.
   */
  block(untrustedText: string): void;
  /**
   * A message the program composed from its own words and untrusted values (a library's log line, an
   * error message): printed as one line when the runner would read nothing in it (no line break, no `##[`,
   * no `::` after leading blanks), otherwise as a block.
   */
  text(untrustedText: string): void;
}

export interface UntrustedPrinterOptions {
  /** Makes the stop-commands token (tests). Default: 16 random bytes as hex, fresh for every block. */
  newToken?: () => string;
}

function randomToken(): string {
  return randomBytes(16).toString("hex");
}

/**
 * The one place that prints untrusted text to a runner-parsed stream. `write` receives one line at a time,
 * without its line break (`core.info` fits; for a raw stream append `\n`).
 */
export function createUntrustedPrinter(
  write: (text: string) => void,
  options: UntrustedPrinterOptions = {},
): UntrustedPrinter {
  const newToken = options.newToken ?? randomToken;

  function tokenFor(text: string): string {
    const lower = text.toLowerCase();
    for (let attempt = 0; attempt < 8; attempt++) {
      const token = newToken();
      // The runner compares the resume token case-insensitively; a token the text already holds (only
      // possible with a predictable newToken) would let the text end the block.
      if (/^[A-Za-z0-9_-]{16,}$/.test(token) && !lower.includes(token.toLowerCase())) return token;
    }
    throw new Error("createUntrustedPrinter: newToken must return fresh tokens of 16+ letters or digits");
  }

  function block(untrustedText: string): void {
    if (untrustedText === "") return;
    const lines = untrustedText.split(RUNNER_LINE_BREAK);
    if (lines.length > 1 && lines.at(-1) === "") lines.pop();
    const token = tokenFor(untrustedText);
    write(`::stop-commands::${token}`);
    for (const l of lines) write(neutraliseWorkflowCommands(l));
    write(`::${token}::`);
  }

  function line(trustedPrefix: string, untrustedValue?: string): void {
    const start = trimRunnerStart(trustedPrefix);
    if (
      start === "" ||
      start.startsWith("::") ||
      hasRunnerLineBreak(trustedPrefix) ||
      trustedPrefix.includes(LEGACY_COMMAND_MARKER)
    ) {
      throw new TypeError(
        `UntrustedPrinter.line: the trusted prefix must be one non-blank line that starts no command, got ${JSON.stringify(trustedPrefix)}`,
      );
    }
    if (untrustedValue === undefined || untrustedValue === "") {
      write(trustedPrefix);
      return;
    }
    if (
      hasRunnerLineBreak(untrustedValue) ||
      `${trustedPrefix}${untrustedValue}`.includes(LEGACY_COMMAND_MARKER)
    ) {
      write(trustedPrefix.trimEnd());
      block(untrustedValue);
      return;
    }
    write(`${trustedPrefix}${untrustedValue}`);
  }

  function text(untrustedText: string): void {
    if (untrustedText === "") return;
    if (startsRunnerCommand(untrustedText) || hasRunnerLineBreak(untrustedText)) block(untrustedText);
    else write(untrustedText);
  }

  return { line, block, text };
}
