import { constants } from "node:buffer";

/** The longest string V8 can hold, in UTF-16 code units (and so a bound on the UTF-8 bytes that decode into one). */
export const MAX_TEXT_BYTES: number = constants.MAX_STRING_LENGTH;

/** Why a body was refused: the size it declared (`Content-Length`) or the bytes read before stopping. */
export interface TooLarge {
  readonly bytes: number;
  readonly declared: boolean;
}

/**
 * The body as text, refusing one larger than `maxBytes` before it is buffered: a declared
 * `Content-Length` above the limit is refused unread; otherwise reading stops (and the stream is
 * cancelled) as soon as the limit is passed. Undici's `text()` would buffer everything and then
 * fail with "Invalid string length", or abort the process on a large enough body.
 */
export async function readBoundedText(
  response: Response,
  maxBytes: number,
  tooLarge: (why: TooLarge) => Error,
): Promise<string> {
  const declared = Number(response.headers.get("content-length") ?? Number.NaN);
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    throw tooLarge({ bytes: declared, declared: true });
  }
  if (!response.body) return "";
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let bytes = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.byteLength;
    if (bytes > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge({ bytes, declared: false });
    }
    chunks.push(value);
  }
  return new TextDecoder().decode(Buffer.concat(chunks, bytes));
}

/** `1,073,741,824 bytes (1.0 GiB)`: exact, and readable at a glance. */
export function formatBytes(bytes: number): string {
  const units = ["KiB", "MiB", "GiB", "TiB"];
  let value = bytes;
  let unit = "";
  for (const u of units) {
    if (value < 1024) break;
    value /= 1024;
    unit = u;
  }
  return `${bytes.toLocaleString("en-US")} bytes${unit ? ` (${value.toFixed(1)} ${unit})` : ""}`;
}
