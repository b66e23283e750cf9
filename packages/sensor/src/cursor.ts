import { DbtCloudSensorCursorError } from "./errors.js";

export const CURSOR_FORMAT = "dbt-cloud-kit/sensor-cursor";
export const CURSOR_VERSION = 1;
/** Reported ids kept at most (oldest finish first dropped); the overlap window normally keeps far fewer. */
export const MAX_REPORTED = 20_000;

/**
 * The sensor's position:
 * - `watermark`: finished-at (epoch ms) up to which every run in scope has been listed; null before
 *   the first run was seen. The next listing starts `overlapSeconds` before it, so late-arriving and
 *   clock-skewed runs are still seen;
 * - `since`: nothing that finished before this is ever reported (the first tick's start minus lookback);
 * - `reported`: run id -> finished-at of runs already reported whose finish is inside the window, so
 *   the overlap never reports a run twice;
 * - `cancelFloor`: every run with a lower id was already finished when a tick looked (null before the
 *   first tick), so cancelled runs without `finished_at` — which no finished-at listing shows — are
 *   looked for from this id up;
 * - `cancelled`: run id -> cancellation time of such runs already reported, kept while the cancelled
 *   listing or the window can still show them.
 */
export interface SensorCursorState {
  sensor: string;
  watermark: number | null;
  since: number;
  reported: Map<number, number>;
  cancelFloor: number | null;
  cancelled: Map<number, number>;
}

interface CursorJson {
  format: typeof CURSOR_FORMAT;
  version: number;
  sensor: string;
  watermark: number | null;
  since: number;
  /** `[runId, finishedAtMs]`, oldest first. */
  reported: [number, number][];
  /** Absent in cursors written before cancelled runs without `finished_at` were looked for. */
  cancelFloor?: number | null;
  /** `[runId, cancelledAtMs]`, oldest first. */
  cancelled?: [number, number][];
}

function byTime(a: [number, number], b: [number, number]): number {
  return a[1] - b[1] || a[0] - b[0];
}

/** Whether a run was already reported, by either listing or a webhook. */
export function wasReported(state: SensorCursorState, runId: number): boolean {
  return state.reported.has(runId) || state.cancelled.has(runId);
}

export function serializeCursor(state: SensorCursorState): string {
  const json: CursorJson = {
    format: CURSOR_FORMAT,
    version: CURSOR_VERSION,
    sensor: state.sensor,
    watermark: state.watermark,
    since: state.since,
    reported: [...state.reported].sort(byTime),
    cancelFloor: state.cancelFloor,
    cancelled: [...state.cancelled].sort(byTime),
  };
  return JSON.stringify(json);
}

function isTime(value: unknown): value is number {
  return typeof value === "number" && Number.isSafeInteger(value);
}

/** Reads a cursor string; anything unusable is a `DbtCloudSensorCursorError` saying how to reset. */
export function parseCursor(text: string, sensor: string): SensorCursorState {
  if (typeof text !== "string") {
    throw new DbtCloudSensorCursorError(
      "unreadable",
      `The sensor cursor must be a string, got ${typeof text}.`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new DbtCloudSensorCursorError(
      "unreadable",
      `The sensor cursor is not JSON (starts with ${JSON.stringify(text.slice(0, 20))}).`,
      error,
    );
  }
  if (typeof json !== "object" || json === null || (json as { format?: unknown }).format !== CURSOR_FORMAT) {
    throw new DbtCloudSensorCursorError(
      "unreadable",
      `The sensor cursor is not a ${CURSOR_FORMAT} cursor (it may come from another tool or an older sensor).`,
    );
  }
  const c = json as Partial<Record<keyof CursorJson, unknown>>;
  if (c.version !== CURSOR_VERSION) {
    throw new DbtCloudSensorCursorError(
      "unsupported-version",
      `The sensor cursor has format version ${JSON.stringify(c.version)}; this sensor reads version ${CURSOR_VERSION}. Upgrade @dbt-cloud-kit/sensor to the version that wrote it.`,
    );
  }
  if (c.sensor !== sensor) {
    throw new DbtCloudSensorCursorError(
      "foreign",
      `The sensor cursor belongs to ${JSON.stringify(c.sensor)}, not to ${JSON.stringify(sensor)} (another account, project or environment). Use a separate cursor store per sensor.`,
    );
  }
  const bad = (field: string) =>
    new DbtCloudSensorCursorError("unreadable", `The sensor cursor's ${field} is malformed.`);
  if (!(c.watermark === null || isTime(c.watermark))) throw bad("watermark");
  if (!isTime(c.since)) throw bad("since");
  const idTimes = (value: unknown, field: string): Map<number, number> => {
    if (!Array.isArray(value)) throw bad(field);
    const map = new Map<number, number>();
    for (const entry of value) {
      if (!Array.isArray(entry) || entry.length !== 2) throw bad(field);
      const [id, at] = entry as unknown[];
      if (!isTime(id) || (id as number) <= 0 || !isTime(at)) throw bad(field);
      map.set(id as number, at as number);
    }
    return map;
  };
  const reported = idTimes(c.reported, "reported list");
  const cancelFloor = c.cancelFloor ?? null;
  if (!(cancelFloor === null || (isTime(cancelFloor) && cancelFloor >= 0))) throw bad("cancelFloor");
  const cancelled = c.cancelled === undefined ? new Map() : idTimes(c.cancelled, "cancelled list");
  return { sensor, watermark: c.watermark, since: c.since, reported, cancelFloor, cancelled };
}

/** Lowest finished-at the next listing needs (inclusive). */
export function windowStart(state: SensorCursorState, overlapMs: number): number {
  return state.watermark === null ? state.since : Math.max(state.since, state.watermark - overlapMs);
}

/** Drops reported ids that finished before the window (they can never be listed again) and caps the set. */
export function pruneReported(state: SensorCursorState, overlapMs: number): void {
  const start = windowStart(state, overlapMs);
  for (const [id, finishedAt] of state.reported) {
    if (finishedAt < start) state.reported.delete(id);
  }
  // A cancelled run without finished_at can be listed again while its id is at or above the floor
  // (the cancelled listing) or its time is in the window (should dbt Cloud fill finished_at in later).
  // Without a floor the cancelled listing only reports runs cancelled inside the window.
  for (const [id, at] of state.cancelled) {
    if ((state.cancelFloor === null || id < state.cancelFloor) && at < start) state.cancelled.delete(id);
  }
  for (const map of [state.reported, state.cancelled]) {
    if (map.size <= MAX_REPORTED) continue;
    const oldest = [...map].sort(byTime);
    for (const [id] of oldest.slice(0, map.size - MAX_REPORTED)) map.delete(id);
  }
}

export function cloneCursor(state: SensorCursorState): SensorCursorState {
  return { ...state, reported: new Map(state.reported), cancelled: new Map(state.cancelled) };
}
