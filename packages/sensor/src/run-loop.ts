import { DbtCloudSensorConfigError } from "./errors.js";
import type { SensorContext } from "./polling-sensor.js";
import { withStoreMutex } from "./store-mutex.js";
import type { RunOptions, TickOptions, TickResult } from "./types.js";
import { logText } from "./webhooks/log-text.js";

/** An error's message (API errors quote dbt Cloud's text): logged as one line, see `logText`. */
const errorText = (error: unknown): string => (error instanceof Error ? error.message : String(error));

function checkStore(store: unknown): void {
  const s = store as Record<string, unknown> | undefined;
  for (const method of ["load", "save", "acquireLease", "releaseLease"]) {
    if (typeof s?.[method] !== "function") {
      throw new DbtCloudSensorConfigError(
        "store",
        `has no ${method}() method; pass a CursorStore such as new FileCursorStore(path) or new MemoryCursorStore().`,
      );
    }
  }
}

/**
 * Ticks every `minimumIntervalSeconds` until `signal` aborts: takes (or renews) the store's lease, loads
 * the cursor, ticks, hands the result to `onTick`, then commits the cursor with compare-and-set. A crash
 * between `onTick` and the commit reports those runs again after the restart (at-least-once); nothing
 * else does. A replica without the lease just waits for the next interval.
 */
export async function runLoop(
  context: SensorContext,
  tick: (options: TickOptions) => Promise<TickResult>,
  options: RunOptions,
): Promise<void> {
  const { store, signal, onTick } = options ?? ({} as RunOptions);
  checkStore(store);
  if (!(signal instanceof AbortSignal)) {
    throw new DbtCloudSensorConfigError(
      "signal",
      "is missing; pass an AbortSignal (e.g. from an AbortController) to stop the loop.",
    );
  }
  if (typeof onTick !== "function") {
    throw new DbtCloudSensorConfigError(
      "onTick",
      "is missing; pass a function that receives each tick's runs and events.",
    );
  }
  const { logger, intervalMs } = context.options;
  const clock = context.client.clock;
  const ttlMs = options.leaseTtlMs ?? Math.max(60_000, 4 * intervalMs);
  if (!Number.isSafeInteger(ttlMs) || ttlMs <= 0) {
    throw new DbtCloudSensorConfigError(
      "leaseTtlMs",
      `${JSON.stringify(ttlMs)} is not a positive whole number of ms.`,
    );
  }
  const budgetMs = options.budgetMs ?? Math.floor(ttlMs / 2);
  if (!(budgetMs > 0) || budgetMs >= ttlMs) {
    throw new DbtCloudSensorConfigError(
      "budgetMs",
      `${JSON.stringify(budgetMs)} must be positive and below leaseTtlMs (${ttlMs}).`,
    );
  }
  const { name, owner } = context;

  /** One tick under the lease; true when it stopped early and the next should follow at once. */
  const once = () =>
    withStoreMutex(store, async (): Promise<boolean> => {
      if (!(await store.acquireLease({ owner, ttlMs, now: clock.now() }))) {
        logger.debug(`${name}: another replica holds the lease; standing by.`);
        return false;
      }
      {
        const loaded = await store.load();
        const result = await tick({ cursor: loaded.cursor, signal, budgetMs });
        // After an abort nothing is handed out: the next process reports those runs.
        if (signal.aborted) return false;
        if (result.cursor === loaded.cursor) return false;
        if (result.runs.length > 0) await onTick(result);
        const saved = await store.save(result.cursor, loaded.version);
        if (!saved.ok) {
          logger.warn(
            `${name}: the cursor changed in the store while this tick ran (version ${saved.version}, expected ${loaded.version}); this tick's cursor was not saved. Is a second sensor writing without the lease?`,
          );
        }
        // Straight on when this tick made progress but stopped early (budget); else wait the interval.
        return !result.complete && result.runs.length > 0;
      }
    });

  context.loops.count++;
  try {
    while (!signal.aborted) {
      const started = clock.now();
      let again = false;
      try {
        again = await once();
      } catch (error) {
        if (signal.aborted) break;
        logger.error(
          `${name}: tick failed, retrying in ${Math.round(intervalMs / 1000)} s: ${logText(errorText(error), 2_000)}`,
        );
      }
      if (signal.aborted) break;
      const wait = again ? 0 : Math.max(0, intervalMs - (clock.now() - started));
      try {
        await clock.sleep(wait, signal);
      } catch {
        break;
      }
    }
  } finally {
    context.loops.count--;
    await store.releaseLease(owner).catch((error: unknown) => {
      logger.warn(`${name}: could not release the lease: ${logText(errorText(error), 2_000)}`);
    });
  }
}
