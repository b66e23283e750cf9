/**
 * A record with no prototype, for results keyed by text from artifacts (tags, statuses, resource types):
 * `__proto__`, `constructor` or `toString` are plain keys there, never inherited values or setters.
 */
export function emptyRecord<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}
