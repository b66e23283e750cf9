import type { DbtCloudRun } from "../models/run.js";

/** Step logs as one text: `=== Step: <name> ===`, the logs, a blank line, for each step with logs. */
export function formatRunLogs(run: Pick<DbtCloudRun, "run_steps">): string {
  const steps = [...(run.run_steps ?? [])].sort((a, b) => a.index - b.index);
  return steps
    .filter((s) => typeof s.logs === "string" && s.logs.trim() !== "")
    .map((s) => `=== Step: ${s.name ?? `#${s.index}`} ===\n${(s.logs as string).replace(/\n+$/, "")}\n`)
    .join("\n");
}

/** dbt Cloud fills step logs shortly after a step ends: a finished step without logs means "read again". */
export function hasMissingLogs(run: Pick<DbtCloudRun, "run_steps">): boolean {
  return (run.run_steps ?? []).some(
    (s) => (s.status === 10 || s.status === 20) && (typeof s.logs !== "string" || s.logs.trim() === ""),
  );
}
