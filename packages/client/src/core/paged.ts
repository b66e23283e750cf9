/**
 * An async iterable over every item of a paginated list that can also be collected with `toArray()`.
 * Pages are fetched lazily, one at a time, as the iteration advances.
 */
export class Paged<T> implements AsyncIterable<T> {
  readonly #pages: () => AsyncGenerator<T[], void, undefined>;

  constructor(pages: () => AsyncGenerator<T[], void, undefined>) {
    this.#pages = pages;
  }

  async *[Symbol.asyncIterator](): AsyncIterator<T> {
    for await (const page of this.#pages()) yield* page;
  }

  /** Every page: handy to inspect how many requests a walk took. */
  pages(): AsyncGenerator<T[], void, undefined> {
    return this.#pages();
  }

  async toArray(): Promise<T[]> {
    const all: T[] = [];
    for await (const item of this) all.push(item);
    return all;
  }

  /** The first item, fetching only as many pages as needed. */
  async first(): Promise<T | undefined> {
    for await (const item of this) return item;
    return undefined;
  }
}

export const MAX_PAGE_SIZE = 100;

interface PageResult<T> {
  items: T[];
  totalCount: number | undefined;
}

/**
 * Offset pagination: `limit` never above 100; stops on an empty or short page, when `total_count` is
 * reached, or once `maxItems` items were yielded.
 */
export function paginate<T>(
  fetchPage: (offset: number, limit: number) => Promise<PageResult<T>>,
  options: { pageSize?: number | undefined; offset?: number | undefined; maxItems?: number | undefined } = {},
): Paged<T> {
  const pageSize = Math.max(1, Math.min(MAX_PAGE_SIZE, Math.floor(options.pageSize ?? MAX_PAGE_SIZE)));
  const start = Math.max(0, Math.floor(options.offset ?? 0));
  const maxItems = options.maxItems ?? Number.POSITIVE_INFINITY;
  return new Paged(async function* pages() {
    let offset = start;
    let yielded = 0;
    while (yielded < maxItems) {
      const limit = Math.min(pageSize, maxItems - yielded);
      const { items, totalCount } = await fetchPage(offset, limit);
      if (items.length === 0) return;
      const take = items.slice(0, maxItems - yielded);
      yielded += take.length;
      offset += items.length;
      yield take;
      if (items.length < limit) return;
      if (totalCount !== undefined && offset >= totalCount) return;
    }
  });
}
