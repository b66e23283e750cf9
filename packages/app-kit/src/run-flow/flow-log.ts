/**
 * How the run flow reports progress: our own words first, then (optionally) text that came from dbt Cloud
 * — an error body, a name, a status message — which each app prints through its untrusted-text printer.
 */
export interface RunFlowLog {
  info(trusted: string, untrusted?: string): void;
  warn(trusted: string, untrusted?: string): void;
  debug(trusted: string, untrusted?: string): void;
}

/** An error's message, or the thrown value as text. */
export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * How an app spells one of its options in a message: the action says `if-running: reuse`, the CLI
 * `--if-running reuse`.
 */
export type OptionSpelling = (input: string, value?: string) => string;

/** The action's spelling: the input name, then `: value`. */
export const inputSpelling: OptionSpelling = (input, value) =>
  value === undefined ? input : `${input}: ${value}`;

/** The CLI's spelling: the flag, then the value. */
export const flagSpelling: OptionSpelling = (input, value) =>
  value === undefined ? `--${input}` : `--${input} ${value}`;
