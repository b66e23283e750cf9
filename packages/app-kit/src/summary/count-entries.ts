/**
 * Own entries of a count record, whatever its prototype (plain, null-prototype or a Map): keys such as
 * `__proto__`, `constructor` or `toString` come from dbt artifacts and are looked up here, never through a
 * plain object's prototype chain.
 */
export function countEntries(
  record: Readonly<Record<string, number>> | ReadonlyMap<string, number> | undefined,
): Map<string, number> {
  if (record === undefined) return new Map();
  if (record instanceof Map) return new Map(record);
  return new Map(Object.entries(record));
}

/** The nested `{ type: { status: n } }` counts as Maps. */
export function nestedCountEntries(
  record:
    | Readonly<Record<string, Readonly<Record<string, number>>>>
    | ReadonlyMap<string, ReadonlyMap<string, number>>
    | undefined,
): Map<string, Map<string, number>> {
  const out = new Map<string, Map<string, number>>();
  if (record === undefined) return out;
  const entries = record instanceof Map ? [...record] : Object.entries(record);
  for (const [key, value] of entries) out.set(key, countEntries(value));
  return out;
}
