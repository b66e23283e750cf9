/** The `status` output: dbt Cloud's run status, or `timeout` when we stopped waiting. */
export type ActionStatus = "queued" | "starting" | "running" | "success" | "error" | "cancelled" | "timeout";

export function actionStatusOf(code: number): ActionStatus {
  switch (code) {
    case 1:
      return "queued";
    case 2:
      return "starting";
    case 10:
      return "success";
    case 20:
      return "error";
    case 30:
      return "cancelled";
    default:
      // 3 and unknown in-flight codes: the run is going.
      return "running";
  }
}

/** Seconds between two ISO timestamps, or undefined when either is missing. */
export function secondsBetween(
  from: string | null | undefined,
  to: string | null | undefined,
): number | undefined {
  if (!from || !to) return undefined;
  const a = Date.parse(from);
  const b = Date.parse(to);
  if (Number.isNaN(a) || Number.isNaN(b)) return undefined;
  return Math.max(0, Math.round((b - a) / 1000));
}

/** "1h 02m 03s", "4m 05s", "12s". */
export function formatDuration(seconds: number | undefined): string {
  if (seconds === undefined) return "–";
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  if (h > 0) return `${h}h ${String(m).padStart(2, "0")}m ${String(sec).padStart(2, "0")}s`;
  if (m > 0) return `${m}m ${String(sec).padStart(2, "0")}s`;
  return `${sec}s`;
}
