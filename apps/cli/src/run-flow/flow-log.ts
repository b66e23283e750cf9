/**
 * How the run flow reports progress: our own words first, then (optionally) text that came from dbt Cloud
 * — an error body, a name, a status message — which the CLI prints through its untrusted-text printer.
 */
export interface FlowLog {
  info(trusted: string, untrusted?: string): void;
  warn(trusted: string, untrusted?: string): void;
  debug(trusted: string, untrusted?: string): void;
}

export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
