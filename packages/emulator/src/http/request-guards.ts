import type { IncomingMessage } from "node:http";

/** A request body above the configured limit; the server answers 413 and closes the connection. */
export class BodyTooLargeError extends Error {
  override name = "BodyTooLargeError";
  constructor(readonly limit: number) {
    super(`request body exceeds ${limit} bytes`);
  }
}

/** Reads the whole body as UTF-8, refusing (before reading, when `content-length` says so) above `limit`. */
export async function readBody(req: IncomingMessage, limit: number): Promise<string> {
  const declared = Number(req.headers["content-length"]);
  if (Number.isFinite(declared) && declared > limit) throw new BodyTooLargeError(limit);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new BodyTooLargeError(limit);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}

const LOOPBACK_NAMES = new Set(["127.0.0.1", "localhost", "[::1]"]);

/**
 * Is `host` (the request's Host header) a loopback name with the port the request came in on? Anything
 * else, a missing header included, is refused: a page on another origin that rebinds its DNS name to
 * 127.0.0.1 sends its own name, so it never reaches the API or the admin routes.
 */
export function isLoopbackHost(host: string | undefined, port: number | undefined): boolean {
  if (host === undefined) return false;
  const match = /^(\[[^\]]*\]|[^:]*)(?::(\d{1,5}))?$/.exec(host.trim().toLowerCase());
  if (!match) return false;
  const [, name = "", portText] = match;
  if (!LOOPBACK_NAMES.has(name)) return false;
  return (portText === undefined ? 80 : Number(portText)) === port;
}

/** Does the content type announce JSON (`application/json`, `application/<x>+json`, with parameters)? */
export function isJsonContentType(contentType: string | undefined): boolean {
  const type = (contentType ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
  return type === "application/json" || (type.startsWith("application/") && type.endsWith("+json"));
}

/** The path with every percent-escape decodable (a malformed one is a 400, never a thrown URIError). */
export function hasValidPercentEncoding(path: string): boolean {
  try {
    decodeURIComponent(path);
    return true;
  } catch {
    return false;
  }
}
