/**
 * `record[key]` when `key` is the record's own property, else `undefined`. Manifests and run_results are
 * parsed JSON: `nodes["constructor"]` or `child_map["__proto__"]` would otherwise read `Object.prototype`.
 * Every lookup by a unique id, package name, resource type or other text from an artifact goes through this.
 */
export function ownValue<T>(
  record: Readonly<Record<string, T>> | null | undefined,
  key: string,
): T | undefined {
  return record !== null && record !== undefined && Object.hasOwn(record, key) ? record[key] : undefined;
}
