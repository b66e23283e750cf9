import { createWriteStream } from "node:fs";
import { mkdir, rename, rm } from "node:fs/promises";
import { dirname } from "node:path";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as WebReadableStream } from "node:stream/web";

/**
 * Streams a response body to `toFile` without holding it in memory: written to a temp file next to the
 * target, renamed when complete, removed on failure or abort. Resolves with the byte count.
 */
export async function streamToFile(
  body: ReadableStream<Uint8Array>,
  toFile: string,
  signal: AbortSignal | undefined,
): Promise<number> {
  await mkdir(dirname(toFile), { recursive: true });
  const partial = `${toFile}.partial-${process.pid}`;
  let bytes = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      bytes += chunk.length;
      callback(null, chunk);
    },
  });
  try {
    await pipeline(
      Readable.fromWeb(body as WebReadableStream<Uint8Array>),
      counter,
      createWriteStream(partial),
      signal ? { signal } : {},
    );
    await rename(partial, toFile);
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
  return bytes;
}
