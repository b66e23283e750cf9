/** dbt Cloud run status codes (`run.status`). Decisions are made on these integers only. */
export const RunStatus = {
  Queued: 1,
  Starting: 2,
  Running: 3,
  Success: 10,
  Error: 20,
  Cancelled: 30,
} as const;
export type RunStatus = (typeof RunStatus)[keyof typeof RunStatus];

const NAMES: Record<number, string> = {
  1: "Queued",
  2: "Starting",
  3: "Running",
  10: "Success",
  20: "Error",
  30: "Cancelled",
};

export function isTerminalStatus(status: number): boolean {
  return status === RunStatus.Success || status === RunStatus.Error || status === RunStatus.Cancelled;
}

export function isKnownStatus(status: number): status is RunStatus {
  return status in NAMES;
}

/** "Queued", "Running", …; unknown future codes come back as `Unknown (<code>)`. */
export function runStatusName(status: number): string {
  return NAMES[status] ?? `Unknown (${status})`;
}
