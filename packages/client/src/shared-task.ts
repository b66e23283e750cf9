import { abortReason } from "./clock.js";

/**
 * One in-flight operation shared by several callers, each with its own `AbortSignal`. A caller that
 * aborts stops waiting at once; the operation itself is aborted only when every caller has aborted
 * (a caller without a signal keeps it going).
 */
export class SharedTask<T> {
  readonly promise: Promise<T>;
  readonly #controller = new AbortController();
  #waiting = 0;

  constructor(run: (signal: AbortSignal) => Promise<T>) {
    this.promise = run(this.#controller.signal);
    // Callers observe the outcome through join(); this only avoids an unhandled rejection.
    this.promise.catch(() => {});
  }

  join(signal?: AbortSignal): Promise<T> {
    this.#waiting++;
    if (!signal) return this.promise;
    return new Promise<T>((resolve, reject) => {
      const onAbort = () => {
        if (--this.#waiting === 0) this.#controller.abort(abortReason(signal));
        reject(abortReason(signal));
      };
      if (signal.aborted) {
        onAbort();
        return;
      }
      signal.addEventListener("abort", onAbort, { once: true });
      this.promise.then(
        (value) => {
          signal.removeEventListener("abort", onAbort);
          resolve(value);
        },
        (error: unknown) => {
          signal.removeEventListener("abort", onAbort);
          reject(error);
        },
      );
    });
  }
}
