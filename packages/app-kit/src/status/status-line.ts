import type { DbtCloudRun } from "@dbt-cloud-kit/client";
import { runStatusName } from "@dbt-cloud-kit/client";
import { formatDuration } from "./action-status.js";

/** " — queue position 2, waiting behind run 70000001" while queued, from the API's queue fields; else "". */
export function queueText(run: DbtCloudRun): string {
  if (run.status !== 1) return "";
  const blockers = run.blocked_by ?? [];
  const position = run.queued_position ?? (blockers.length > 0 ? blockers.length + 1 : undefined);
  if (position === undefined || position === null) return "";
  const behind =
    blockers.length > 0 ? `, waiting behind run${blockers.length > 1 ? "s" : ""} ${blockers.join(", ")}` : "";
  return ` — queue position ${position}${behind}`;
}

/**
 * One status line, split into our own words (elapsed time, status, queue position) and dbt Cloud's
 * status message of a finished run, which is untrusted and goes through the app's printer.
 */
export function statusLineParts(run: DbtCloudRun, elapsedMs: number): { trusted: string; untrusted: string } {
  return {
    trusted: `[${formatDuration(elapsedMs / 1000)}] Run ${run.id}: ${runStatusName(run.status)}${queueText(run)}`,
    untrusted: run.status >= 10 && run.status_message ? ` — ${run.status_message}` : "",
  };
}

/** The status line as one string: `[12s] Run 5: Queued — queue position 3, waiting behind runs 3, 4`. */
export function describeStatusChange(run: DbtCloudRun, elapsedMs: number): string {
  const { trusted, untrusted } = statusLineParts(run, elapsedMs);
  return `${trusted}${untrusted}`;
}
