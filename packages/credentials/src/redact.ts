import { REDACTED } from "./credentials.js";

/** Replaces every occurrence of `secret` in `text` (for log lines or error bodies that might echo it). */
export function redactSecret(text: string, secret: string | undefined): string {
  if (!secret || secret.length < 4) return text;
  return text.split(secret).join(REDACTED);
}
