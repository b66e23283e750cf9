import { DbtCloudAssetsError } from "../errors/dbt-cloud-assets-error.js";
import type { DbtArtifactKind } from "./schema-version.js";

export interface DbtArtifactErrorDetails {
  /** The artifact file name or path, when the caller gave one. */
  fileName?: string | undefined;
  /** The kind of artifact the reader expected. */
  expectedKind: DbtArtifactKind;
  /** The file's `metadata.dbt_schema_version`, when it has one. */
  schemaVersion?: string | undefined;
  /** Human-readable list of supported schema versions for `expectedKind`. */
  supported: string;
  /** JSON paths of the problems found in the file's shape. */
  problems?: readonly string[];
  cause?: unknown;
}

/**
 * A file is not a dbt artifact of the expected kind, has an unsupported schema version, or lacks a field
 * this toolkit relies on. The message names the file, its `dbt_schema_version` and what is supported.
 */
export class DbtArtifactError extends DbtCloudAssetsError {
  override readonly name: string = "DbtArtifactError";
  readonly fileName: string | undefined;
  readonly expectedKind: DbtArtifactKind;
  readonly schemaVersion: string | undefined;
  readonly supported: string;
  readonly problems: readonly string[];

  constructor(message: string, details: DbtArtifactErrorDetails) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.fileName = details.fileName;
    this.expectedKind = details.expectedKind;
    this.schemaVersion = details.schemaVersion;
    this.supported = details.supported;
    this.problems = details.problems ?? [];
  }
}
