import { abortReason, type Clock } from "./clock.js";
import { DbtCloudError, DbtCloudRateLimitError } from "./errors.js";
import type { Logger } from "./logger.js";
import type { DbtCloudRun } from "./models/run.js";
import { isAmbiguousFailure } from "./retry-policy.js";

/** Options shared by the POSTs that start a run (trigger, retry) and recover a lost response. */
export interface LostResponseOptions {
  signal?: AbortSignal | undefined;
  /** POST attempts in total. Default 3. */
  maxAttempts?: number | undefined;
  /** Wait before looking for the lost run, so it can show up in the list. Default 2 s. */
  lookupDelayMs?: number | undefined;
  /** Runs created up to this long before the attempt still count (clock skew). Default 60 s. */
  clockSkewMs?: number | undefined;
}

/** What happened after a POST failed ambiguously: the run it created was adopted, or the POST is sent again. */
export type LostResponseEvent =
  | { kind: "adopted"; run: DbtCloudRun; error: unknown; attempt: number }
  | { kind: "resending"; error: unknown; attempt: number; delayMs: number };

/** One kind of run-starting POST: how to send it, how to find the run it may have created, what to log. */
interface LostResponseRecovery {
  clock: Clock;
  logger: Logger;
  /** The POST itself, never retried by the transport. */
  post(signal: AbortSignal | undefined): Promise<DbtCloudRun>;
  /** The run an attempt made at `sinceMs` (skew already subtracted) created, if it exists. */
  find(sinceMs: number, signal: AbortSignal | undefined): Promise<DbtCloudRun | undefined>;
  /** May the POST be sent again after `error`, although an earlier attempt failed ambiguously? */
  resendRefused?(error: unknown): boolean;
  messages: {
    started(run: DbtCloudRun): string;
    rateLimited(delayMs: number): string;
    ambiguous(error: Error): string;
    lookupFailed(error: Error, lookupError: Error): string;
    adopted(run: DbtCloudRun): string;
    resending(): string;
    /** A re-send was refused and no run of the earlier attempts turned up either. */
    unresolved(firstError: unknown, refusal: Error): string;
  };
}

/**
 * Sends a non-idempotent POST that starts a run without ever starting two: after an ambiguous failure
 * (timeout, reset, 5xx, a non-JSON body) it waits, looks for the run the attempt may have created and
 * adopts it; only when there is none is the POST sent again. A 429 was refused, so it is re-sent after
 * the server's hint.
 */
export async function postWithRecovery(
  recovery: LostResponseRecovery,
  options: LostResponseOptions,
  onEvent: ((event: LostResponseEvent) => void) | undefined,
): Promise<DbtCloudRun> {
  const { clock, logger, messages } = recovery;
  const { signal } = options;
  const maxAttempts = Math.max(1, options.maxAttempts ?? 3);
  const skew = options.clockSkewMs ?? 60_000;
  const lookupDelay = options.lookupDelayMs ?? 2_000;
  let lastError: unknown;
  let firstError: unknown;
  let firstAmbiguousAt: number | undefined;
  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    const attemptAt = clock.now();
    try {
      const run = await recovery.post(signal);
      logger.info(messages.started(run));
      return run;
    } catch (error) {
      if (signal?.aborted) throw abortReason(signal);
      lastError = error;
      if (error instanceof DbtCloudRateLimitError) {
        // A 429 means the request was refused, so re-sending cannot start a second run.
        if (attempt >= maxAttempts) throw error;
        const delayMs = error.retryAfterMs ?? 5_000 * attempt;
        logger.warn(messages.rateLimited(delayMs));
        await clock.sleep(delayMs, signal);
        continue;
      }
      const refusedResend = firstAmbiguousAt !== undefined && recovery.resendRefused?.(error) === true;
      if (!isAmbiguousFailure(error) && !refusedResend) throw error;
      if (firstAmbiguousAt === undefined) {
        firstAmbiguousAt = attemptAt;
        firstError = error;
      }
      if (!refusedResend) {
        logger.warn(messages.ambiguous(error as Error));
        await clock.sleep(lookupDelay, signal);
      }
      let adopted: DbtCloudRun | undefined;
      try {
        // A refused re-send means an earlier attempt's run exists: look back to that attempt.
        adopted = await recovery.find((refusedResend ? firstAmbiguousAt : attemptAt) - skew, signal);
      } catch (lookupError) {
        if (signal?.aborted) throw abortReason(signal);
        throw new DbtCloudError(messages.lookupFailed(error as Error, lookupError as Error), {
          cause: lookupError,
        });
      }
      if (adopted) {
        logger.warn(messages.adopted(adopted));
        onEvent?.({ kind: "adopted", run: adopted, error, attempt });
        return adopted;
      }
      if (refusedResend) {
        throw new DbtCloudError(messages.unresolved(firstError, error as Error), { cause: error });
      }
      if (attempt >= maxAttempts) break;
      const delayMs = Math.round(1000 * 2 ** (attempt - 1) * (0.5 + clock.random() / 2));
      logger.warn(messages.resending());
      onEvent?.({ kind: "resending", error, attempt, delayMs });
      await clock.sleep(delayMs, signal);
    }
  }
  throw lastError;
}

/** `created_at` as epoch ms; dbt Cloud writes "2026-01-01 10:00:00.123456+00:00". */
export function parseTimestamp(value: string | null | undefined): number | undefined {
  if (!value) return undefined;
  const ms = Date.parse(value.includes("T") ? value : value.replace(" ", "T"));
  return Number.isNaN(ms) ? undefined : ms;
}
