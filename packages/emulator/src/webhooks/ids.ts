import { randomBytes } from "node:crypto";

const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/** A dbt Cloud-style prefixed id (`wev_…`, `wsu_…`): 27 random base62 characters after the prefix. */
export function prefixedId(prefix: string): string {
  const bytes = randomBytes(27);
  let out = "";
  for (const b of bytes) out += ALPHABET[b % ALPHABET.length];
  return `${prefix}_${out}`;
}
