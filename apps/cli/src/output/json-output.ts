import type { OutputStream } from "./untrusted-output.js";

/**
 * JSON for --json: `##[` can only occur inside a string, where `\u0023#[` means the same text but no
 * GitHub Actions runner reads it as a legacy workflow command; JSON never puts a line break in a string,
 * so no line can start with `::`.
 */
export function toSafeJson(value: unknown, indent?: number): string {
  return JSON.stringify(value, null, indent).replaceAll("##[", "\\u0023#[");
}

/** One JSON document (pretty-printed) on stdout. */
export function writeJson(stream: OutputStream, value: unknown): void {
  stream.write(`${toSafeJson(value, 2)}\n`);
}

/** One NDJSON line. */
export function writeJsonLine(stream: OutputStream, value: unknown): void {
  stream.write(`${toSafeJson(value)}\n`);
}
