import { DbtArtifactError } from "./errors.js";
import {
  type DbtArtifactInfo,
  type DbtArtifactKind,
  describeSupported,
  isFusionVersion,
  parseSchemaVersion,
  SUPPORTED_SCHEMA_VERSIONS,
} from "./schema-version.js";
import { DbtArtifactTooLargeError, isStringTooLong, MAX_ARTIFACT_BYTES } from "./too-large.js";

/** What a reader accepts: the file's text, its bytes, or the already parsed JSON value. */
export type DbtArtifactInput = string | Uint8Array | object;

export interface ReadArtifactOptions {
  /** Named in error messages, e.g. `target/manifest.json`. */
  fileName?: string;
  /**
   * Accept schema versions newer than the newest supported one (read them as the newest). Off by default,
   * so a new dbt release with breaking artifact changes fails loudly instead of producing wrong results.
   */
  allowNewerVersions?: boolean;
  /**
   * Refuse text, bytes or a file larger than this many bytes with a `DbtArtifactTooLargeError` (default
   * and ceiling: `MAX_ARTIFACT_BYTES`, the longest string Node.js can hold).
   */
  maxBytes?: number;
}

export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function where(fileName: string | undefined): string {
  return fileName === undefined ? "the input" : `"${fileName}"`;
}

/** The byte limit for one read: the caller's `maxBytes`, never above what a string can hold. */
export function byteLimit(options: Pick<ReadArtifactOptions, "maxBytes">): number {
  const { maxBytes } = options;
  return maxBytes !== undefined && Number.isFinite(maxBytes) && maxBytes >= 0
    ? Math.min(maxBytes, MAX_ARTIFACT_BYTES)
    : MAX_ARTIFACT_BYTES;
}

/** Turns the input into a JSON value; text and bytes are parsed with `JSON.parse`. */
export function toJson(
  input: DbtArtifactInput,
  expectedKind: DbtArtifactKind | undefined,
  fileName?: string,
  options: Pick<ReadArtifactOptions, "maxBytes"> = {},
): unknown {
  if (typeof input !== "string" && !(input instanceof Uint8Array)) return input;
  const limitBytes = byteLimit(options);
  const tooLarge = (sizeBytes: number, cause?: unknown) =>
    new DbtArtifactTooLargeError({
      fileName,
      expectedKind: expectedKind ?? "manifest",
      sizeBytes,
      limitBytes,
      ...(cause === undefined ? {} : { cause }),
    });
  // Text and bytes already in memory are only refused by an explicit maxBytes; past the string limit,
  // decoding or parsing fails and is reported with the size below.
  if (options.maxBytes !== undefined) {
    // A UTF-16 unit is at most 3 UTF-8 bytes, so only long strings pay for measuring.
    const size =
      typeof input === "string"
        ? input.length * 3 > limitBytes
          ? Buffer.byteLength(input)
          : input.length
        : input.byteLength;
    if (size > limitBytes) throw tooLarge(size);
  }
  let text: string;
  try {
    text = typeof input === "string" ? input : new TextDecoder().decode(input);
  } catch (cause) {
    if (isStringTooLong(cause)) throw tooLarge((input as Uint8Array).byteLength, cause);
    throw cause;
  }
  try {
    return JSON.parse(text);
  } catch (cause) {
    if (isStringTooLong(cause)) throw tooLarge(Buffer.byteLength(text), cause);
    const kind = expectedKind ?? "manifest";
    const what =
      expectedKind === undefined
        ? "a dbt artifact. Pass a manifest.json, run_results.json, catalog.json or sources.json file"
        : `a dbt ${expectedKind} artifact. Pass the ${expectedKind === "run-results" ? "run_results" : expectedKind}.json file`;
    throw new DbtArtifactError(
      `${where(fileName)} is not valid JSON (${(cause as Error).message}), so it cannot be ${what} dbt wrote to target/.`,
      { fileName, expectedKind: kind, supported: describeSupported(kind), cause },
    );
  }
}

/** Reads and checks `metadata.dbt_schema_version`; throws a `DbtArtifactError` naming what is supported. */
export function readEnvelope(
  json: unknown,
  expectedKind: DbtArtifactKind,
  options: ReadArtifactOptions = {},
): DbtArtifactInfo {
  const { fileName } = options;
  const supported = describeSupported(expectedKind);
  const fail = (problem: string, schemaVersion?: string): never => {
    throw new DbtArtifactError(`${where(fileName)} ${problem}; supported: ${supported}.`, {
      fileName,
      expectedKind,
      schemaVersion,
      supported,
    });
  };
  if (!isObject(json)) {
    return fail(`is not a dbt ${expectedKind} artifact (expected a JSON object, got ${describe(json)})`);
  }
  const metadata = json.metadata;
  if (!isObject(metadata) || typeof metadata.dbt_schema_version !== "string") {
    return fail(
      `is not a dbt artifact: it has no metadata.dbt_schema_version (expected a dbt ${expectedKind} file)`,
    );
  }
  const schemaVersion = metadata.dbt_schema_version;
  const parsed = parseSchemaVersion(schemaVersion);
  if (parsed === undefined) {
    return fail(
      `has dbt_schema_version "${schemaVersion}", which is not a dbt artifact schema`,
      schemaVersion,
    );
  }
  if (parsed.kind !== expectedKind) {
    return fail(
      `is a dbt ${parsed.kind} v${parsed.version} artifact (dbt_schema_version "${schemaVersion}"), not a ${expectedKind} artifact`,
      schemaVersion,
    );
  }
  const { min, max } = SUPPORTED_SCHEMA_VERSIONS[expectedKind];
  if (parsed.version < min) {
    fail(
      `has dbt_schema_version "${schemaVersion}" (${expectedKind} v${parsed.version}), older than supported; regenerate it with dbt 1.2 or newer`,
      schemaVersion,
    );
  }
  if (parsed.version > max && options.allowNewerVersions !== true) {
    fail(
      `has dbt_schema_version "${schemaVersion}" (${expectedKind} v${parsed.version}), newer than supported; upgrade @dbt-cloud-kit/assets or pass { allowNewerVersions: true } to read it as v${max}`,
      schemaVersion,
    );
  }
  const dbtVersion = typeof metadata.dbt_version === "string" ? metadata.dbt_version : undefined;
  return {
    kind: expectedKind,
    version: parsed.version,
    schemaVersion,
    dbtVersion,
    fusion: isFusionVersion(dbtVersion),
  };
}

export function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return typeof value === "object" ? "an object" : `a ${typeof value}`;
}

/** Collects shape problems as JSON paths; stops collecting after a few so huge broken files stay fast. */
export class ShapeProblems {
  readonly list: string[] = [];
  private count = 0;
  constructor(private readonly limit = 5) {}
  add(problem: string): void {
    this.count += 1;
    if (this.list.length < this.limit) this.list.push(problem);
  }
  get total(): number {
    return this.count;
  }
  throwIfAny(info: DbtArtifactInfo, options: ReadArtifactOptions): void {
    if (this.count === 0) return;
    const supported = describeSupported(info.kind);
    const more = this.count > this.list.length ? ` (and ${this.count - this.list.length} more)` : "";
    throw new DbtArtifactError(
      `${where(options.fileName)} (dbt_schema_version "${info.schemaVersion}") is not a well-formed dbt ${info.kind} artifact: ${this.list.join("; ")}${more}. Was the file truncated or edited? Regenerate it with dbt.`,
      {
        fileName: options.fileName,
        expectedKind: info.kind,
        schemaVersion: info.schemaVersion,
        supported,
        problems: this.list,
      },
    );
  }
}

export function key(path: string, name: string): string {
  return `${path}[${JSON.stringify(name)}]`;
}
