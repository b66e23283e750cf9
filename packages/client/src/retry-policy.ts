import type { Clock } from "./clock.js";
import {
  DbtCloudApiError,
  DbtCloudAuthError,
  DbtCloudNetworkError,
  DbtCloudNotFoundError,
  DbtCloudRateLimitError,
  DbtCloudResponseError,
} from "./errors.js";

export interface RetryOptions {
  /** Attempts in total, the first included. Default 5. */
  maxAttempts: number;
  /** First backoff ceiling; doubles each attempt (full jitter). Default 500 ms. */
  baseDelayMs: number;
  /** Largest single backoff without a server hint. Default 30 s. */
  maxDelayMs: number;
  /** Retries stop once this much time has passed since the first attempt. Default 5 min. */
  totalBudgetMs: number;
  /** Backoff ceiling for a 429 without `Retry-After` (dbt documents a 5 min cooldown). Default 60 s. */
  rateLimitDelayMs: number;
}

export const DEFAULT_RETRY: RetryOptions = Object.freeze({
  maxAttempts: 5,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  totalBudgetMs: 300_000,
  rateLimitDelayMs: 60_000,
});

/**
 * Is this failure worth another attempt of an idempotent request? 429, 5xx, network errors and
 * per-request timeouts are, and so is a body that is not JSON at all (cut short by a proxy or a
 * reset); 4xx (auth, not found, validation) and well-formed JSON that is not the envelope never are.
 */
export function isRetryableError(error: unknown): boolean {
  if (error instanceof DbtCloudNetworkError) return true;
  if (error instanceof DbtCloudRateLimitError) return true;
  if (error instanceof DbtCloudAuthError || error instanceof DbtCloudNotFoundError) return false;
  if (error instanceof DbtCloudApiError) return error.status >= 500;
  if (error instanceof DbtCloudResponseError) return error.status >= 500 || error.notJson;
  return false;
}

/**
 * Did a non-idempotent POST perhaps reach the server although we got no usable answer?
 * (Timeout, reset, 5xx, a non-JSON body.) Then the trigger must be reconciled, not blindly re-sent.
 */
export function isAmbiguousFailure(error: unknown): boolean {
  if (error instanceof DbtCloudNetworkError) return true;
  if (error instanceof DbtCloudResponseError) return error.status >= 500 || error.status < 300;
  if (error instanceof DbtCloudApiError && !(error instanceof DbtCloudRateLimitError))
    return error.status >= 500;
  return false;
}

/** Server hint in ms from `Retry-After` (seconds or HTTP date) or `x-rate-limit-retry-after-seconds`. */
export function parseRetryAfter(headers: Headers, now: number): number | undefined {
  const dbtHint = headers.get("x-rate-limit-retry-after-seconds");
  if (dbtHint !== null && /^\s*\d+(\.\d+)?\s*$/.test(dbtHint)) return Math.round(Number(dbtHint) * 1000);
  const value = headers.get("retry-after");
  if (value === null) return undefined;
  if (/^\s*\d+(\.\d+)?\s*$/.test(value)) return Math.round(Number(value) * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Full-jitter exponential backoff for attempt `n` (1 = the wait after the first failure). */
export function backoffDelay(attempt: number, error: unknown, options: RetryOptions, clock: Clock): number {
  if (error instanceof DbtCloudRateLimitError && error.retryAfterMs !== undefined) return error.retryAfterMs;
  const ceilingMax = error instanceof DbtCloudRateLimitError ? options.rateLimitDelayMs : options.maxDelayMs;
  const base =
    error instanceof DbtCloudRateLimitError ? Math.max(options.baseDelayMs, 1000) : options.baseDelayMs;
  const ceiling = Math.min(ceilingMax, base * 2 ** (attempt - 1));
  return Math.round(clock.random() * ceiling);
}
