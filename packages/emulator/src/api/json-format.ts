/**
 * Formatting shared by the JSON serialisers. The official spec declares no field nullable, so fields dbt
 * Cloud would send as null (e.g. `finished_at` of a running run) are left out; clients treat absent as null.
 */

/** An epoch-ms time as an ISO-8601 UTC timestamp with an explicit `+00:00` offset. */
export const iso = (ms: number) => new Date(ms).toISOString().replace("Z", "+00:00");

/** A duration as dbt Cloud humanizes it ("2 minutes, 5 seconds"). */
export function humanizeDuration(ms: number): string {
  const total = Math.max(0, Math.round(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const parts: string[] = [];
  if (h) parts.push(`${h} hour${h === 1 ? "" : "s"}`);
  if (m) parts.push(`${m} minute${m === 1 ? "" : "s"}`);
  if (s || parts.length === 0) parts.push(`${s} second${s === 1 ? "" : "s"}`);
  return parts.join(", ");
}

/** A duration as `HH:MM:SS`. */
export function hms(ms: number): string {
  const total = Math.max(0, Math.round(ms / 1000));
  const h = String(Math.floor(total / 3600)).padStart(2, "0");
  const m = String(Math.floor((total % 3600) / 60)).padStart(2, "0");
  const s = String(total % 60).padStart(2, "0");
  return `${h}:${m}:${s}`;
}

/** Removes keys whose value is null or undefined (see the note above). */
export function compact<T extends Record<string, unknown>>(obj: T): T {
  for (const key of Object.keys(obj)) if (obj[key] === null || obj[key] === undefined) delete obj[key];
  return obj;
}
