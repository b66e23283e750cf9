interface PollingScheduleOptions {
  /** First gap between polls. Default 1 s. */
  initialIntervalMs?: number | undefined;
  /** The longest gap between two polls (the action's `poll-interval`). Default 10 s. */
  maxIntervalMs?: number | undefined;
  /** Gap as a fraction of the time waited so far. Default 0.1. */
  growth?: number | undefined;
}

/** The longest gap between two polls unless `pollIntervalMs` says otherwise (the action's `poll-interval` default). */
export const DEFAULT_POLL_INTERVAL_MS = 10_000;

/**
 * Next gap between polls after waiting `elapsedMs`: `clamp(growth × elapsed, initial, cap)`.
 * A run that ends at time D is thus seen at most max(initial, growth × D) later (and never more
 * than the cap), while a long wait settles at the cap and costs no more calls than a fixed poller
 * after the ramp.
 */
export function nextPollDelay(elapsedMs: number, options: PollingScheduleOptions = {}): number {
  const initial = options.initialIntervalMs ?? 1000;
  const cap = Math.max(initial, options.maxIntervalMs ?? DEFAULT_POLL_INTERVAL_MS);
  const growth = options.growth ?? 0.1;
  return Math.round(Math.min(cap, Math.max(initial, growth * Math.max(0, elapsedMs))));
}
