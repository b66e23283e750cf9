import { redactSecret } from "@dbt-cloud-kit/credentials";

const MAX_DEPTH = 8;

function mentions(error: unknown, secret: string, depth: number): boolean {
  if (depth > MAX_DEPTH) return false;
  if (typeof error === "string") return error.includes(secret);
  if (!(error instanceof Error)) return false;
  if (error.message.includes(secret) || (error.stack ?? "").includes(secret)) return true;
  for (const value of Object.values(error)) {
    if (typeof value === "string" && value.includes(secret)) return true;
  }
  return "cause" in error && mentions(error.cause, secret, depth + 1);
}

function copyRedacted(error: unknown, secret: string, depth: number): unknown {
  if (typeof error === "string") return redactSecret(error, secret);
  if (!(error instanceof Error) || depth > MAX_DEPTH || !mentions(error, secret, depth)) return error;
  // Same prototype (a TypeError stays a TypeError); properties defined, never assigned, so an own key
  // such as `__proto__` stays a plain property.
  const copy = Object.create(Object.getPrototypeOf(error) as object) as Error;
  const define = (key: string, value: unknown, enumerable: boolean) =>
    Object.defineProperty(copy, key, { value, enumerable, writable: true, configurable: true });
  for (const [key, value] of Object.entries(error)) {
    if (key !== "cause") define(key, typeof value === "string" ? redactSecret(value, secret) : value, true);
  }
  define("name", error.name, false);
  define("message", redactSecret(error.message, secret), false);
  define("stack", redactSecret(error.stack ?? "", secret), false);
  if ("cause" in error) define("cause", copyRedacted(error.cause, secret, depth + 1), false);
  return copy;
}

/**
 * `error` itself when no part of it mentions `secret`; otherwise a copy of the chain (same prototypes,
 * names and codes) with `secret` redacted from every message, stack, own string property and cause.
 */
export function redactErrorSecret(error: unknown, secret: string): unknown {
  if (!secret) return error;
  return copyRedacted(error, secret, 0);
}
