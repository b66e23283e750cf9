/**
 * Epoch ms of a dbt Cloud timestamp (`2026-01-01T00:00:00.123456Z`, `2026-01-01 00:00:00.123456+00:00`);
 * one without an offset is UTC. Undefined when absent or unreadable.
 */
export function parseApiTime(value: string | null | undefined): number | undefined {
  if (typeof value !== "string" || value.length < 10 || value.length > 64) return undefined;
  const hasZone = /(?:[zZ]|[+-]\d\d:?\d\d)$/.test(value);
  const ms = Date.parse(hasZone ? value : `${value.replace(" ", "T")}Z`);
  return Number.isFinite(ms) ? ms : undefined;
}

export function isoTime(ms: number): string {
  return new Date(ms).toISOString();
}
