export interface OrderedWorkResult<R> {
  /** Results of items 0..n-1 with none missing: what may be reported. */
  prefix: R[];
  /** The error that ended the prefix, if an item failed (not an abort). */
  error: unknown;
}

/**
 * Runs `work` over `items` with at most `concurrency` at a time, starting items in order while
 * `mayStart()` holds, and returns the longest prefix that finished. Items after a gap (stopped, aborted
 * or failed) are dropped, so a later call resumes exactly at the first missing item.
 */
export async function orderedWork<T, R>(
  items: readonly T[],
  concurrency: number,
  mayStart: () => boolean,
  work: (item: T) => Promise<R>,
): Promise<OrderedWorkResult<R>> {
  const results: (R | undefined)[] = new Array(items.length);
  const done: boolean[] = new Array(items.length).fill(false);
  const errors = new Map<number, unknown>();
  let next = 0;
  let failed = false;

  async function worker(): Promise<void> {
    while (!failed && next < items.length && mayStart()) {
      const index = next++;
      try {
        results[index] = await work(items[index] as T);
        done[index] = true;
      } catch (error) {
        errors.set(index, error);
        failed = true;
      }
    }
  }

  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, worker));
  const prefix: R[] = [];
  for (let i = 0; i < items.length && done[i]; i++) prefix.push(results[i] as R);
  return { prefix, error: errors.get(prefix.length) };
}
