import { DbtCloudAssetsError } from "../errors/dbt-cloud-assets-error.js";

export interface DbtSelectionErrorDetails {
  /** The raw selection text or selector name the problem is in. */
  spec?: string | undefined;
  /** The selector method involved, e.g. `resource_type`. */
  method?: string | undefined;
  /** The offending value. */
  value?: string | undefined;
  /** What would have been accepted instead. */
  validValues?: readonly string[] | undefined;
  cause?: unknown;
}

/**
 * A dbt selection cannot be evaluated: unknown method, invalid value, malformed spec, unknown YAML
 * selector, or a bad combination of options. The message names the offending part and what is valid.
 */
export class DbtSelectionError extends DbtCloudAssetsError {
  override readonly name: string = "DbtSelectionError";
  readonly spec: string | undefined;
  readonly method: string | undefined;
  readonly value: string | undefined;
  readonly validValues: readonly string[];

  constructor(message: string, details: DbtSelectionErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.spec = details.spec;
    this.method = details.method;
    this.value = details.value;
    this.validValues = details.validValues ?? [];
  }
}

/** A dbt command line cannot be parsed: unbalanced quotes, a flag without its value, or not a dbt command. */
export class DbtCommandLineError extends DbtCloudAssetsError {
  override readonly name: string = "DbtCommandLineError";
  /** The command line as given. */
  readonly commandLine: string;

  constructor(message: string, commandLine: string, options?: { cause?: unknown }) {
    super(message, options);
    this.commandLine = commandLine;
  }
}
