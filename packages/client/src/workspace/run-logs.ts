import type { DbtCloudRun } from "../models/run.js";

/** `text` without trailing `\n`s, in one backward scan (`/\n+$/` retries from every newline: quadratic). */
function trimTrailingNewlines(text: string): string {
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === 10) end--;
  return text.slice(0, end);
}

/**
 * Step logs as one text: `=== Step: <name> ===`, the logs, a blank line, for each step with logs.
 * A step name is one line (its line breaks become spaces), so it cannot forge a header of its own.
 */
export function formatRunLogs(run: Pick<DbtCloudRun, "run_steps">): string {
  const steps = [...(run.run_steps ?? [])].sort((a, b) => a.index - b.index);
  return steps
    .filter((s) => typeof s.logs === "string" && s.logs.trim() !== "")
    .map((s) => {
      const name = (s.name ?? `#${s.index}`).replace(/[\r\n]+/g, " ");
      return `=== Step: ${name} ===\n${trimTrailingNewlines(s.logs as string)}\n`;
    })
    .join("\n");
}

/** dbt Cloud fills step logs shortly after a step ends: a finished step without logs means "read again". */
export function hasMissingLogs(run: Pick<DbtCloudRun, "run_steps">): boolean {
  return (run.run_steps ?? []).some(
    (s) => (s.status === 10 || s.status === 20) && (typeof s.logs !== "string" || s.logs.trim() === ""),
  );
}
