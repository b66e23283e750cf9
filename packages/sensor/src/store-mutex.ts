import type { CursorStore } from "./stores/cursor-store.js";

const tails = new WeakMap<CursorStore, Promise<unknown>>();

/** Serialises load → report → save on one store within this process (a polling tick and a webhook). */
export function withStoreMutex<T>(store: CursorStore, work: () => Promise<T>): Promise<T> {
  const previous = tails.get(store) ?? Promise.resolve();
  const mine = previous.then(work, work);
  tails.set(
    store,
    mine.catch(() => undefined),
  );
  return mine;
}
