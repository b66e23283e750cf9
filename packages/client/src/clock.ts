/** Time source used by retries and polling; tests pass a virtual clock so nothing really waits. */
export interface Clock {
  now(): number;
  /** Resolves after `ms`; rejects with `signal.reason` as soon as `signal` aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  /** Uniform in [0, 1), for jitter. */
  random(): number;
}

export function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException("This operation was aborted", "AbortError");
}

export function realSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(abortReason(signal));
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortReason(signal as AbortSignal));
    };
    const timer = setTimeout(
      () => {
        signal?.removeEventListener("abort", onAbort);
        resolve();
      },
      Math.max(0, ms),
    );
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

const systemClock: Clock = {
  now: () => Date.now(),
  sleep: realSleep,
  random: () => Math.random(),
};

export function resolveClock(partial?: Partial<Clock>): Clock {
  return {
    now: partial?.now ?? systemClock.now,
    sleep: partial?.sleep ?? systemClock.sleep,
    random: partial?.random ?? systemClock.random,
  };
}
