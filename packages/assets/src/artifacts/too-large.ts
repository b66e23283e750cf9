import { constants } from "node:buffer";
import { DbtArtifactError } from "./errors.js";
import { type DbtArtifactKind, describeSupported } from "./schema-version.js";

/**
 * The largest artifact read by default, in bytes: the longest string this Node.js can hold. A UTF-8 file
 * never decodes to more characters than it has bytes, so every file up to this size can be read as text.
 */
export const MAX_ARTIFACT_BYTES: number = constants.MAX_STRING_LENGTH;

/**
 * An artifact too large to read as JSON text (a file beyond the longest string Node.js can hold, or a
 * caller's `maxBytes`). Names the file and its size instead of V8's "Invalid string length".
 */
export class DbtArtifactTooLargeError extends DbtArtifactError {
  override readonly name: string = "DbtArtifactTooLargeError";
  /** Size of the file or bytes, in bytes. */
  readonly sizeBytes: number;
  /** The limit it exceeds, in bytes. */
  readonly limitBytes: number;

  constructor(details: {
    fileName: string | undefined;
    expectedKind: DbtArtifactKind;
    sizeBytes: number;
    limitBytes: number;
    cause?: unknown;
  }) {
    const { fileName, expectedKind, sizeBytes, limitBytes } = details;
    const file = expectedKind === "run-results" ? "run_results.json" : `${expectedKind}.json`;
    super(
      `${fileName === undefined ? `The ${file}` : `"${fileName}"`} is ${formatBytes(sizeBytes)} (${sizeBytes} bytes), ` +
        `more than the ${formatBytes(limitBytes)} that can be read as JSON text here` +
        (limitBytes === MAX_ARTIFACT_BYTES ? " (the longest string Node.js can hold)" : " (maxBytes)") +
        `, so it was not read. Split the dbt invocation so each step writes a smaller ${file}` +
        (limitBytes === MAX_ARTIFACT_BYTES ? "." : ", or raise maxBytes."),
      {
        fileName,
        expectedKind,
        supported: describeSupported(expectedKind),
        ...(details.cause === undefined ? {} : { cause: details.cause }),
      },
    );
    this.sizeBytes = sizeBytes;
    this.limitBytes = limitBytes;
  }
}

function formatBytes(bytes: number): string {
  if (bytes >= 1024 ** 3) return `${(bytes / 1024 ** 3).toFixed(1)} GiB`;
  if (bytes >= 1024 ** 2) return `${(bytes / 1024 ** 2).toFixed(1)} MiB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${bytes} B`;
}

/** V8's and Node's ways of saying a string would be too long: "Invalid string length", ERR_STRING_TOO_LONG. */
export function isStringTooLong(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  return (
    code === "ERR_STRING_TOO_LONG" ||
    (error instanceof RangeError && /invalid string length/i.test(error.message))
  );
}
