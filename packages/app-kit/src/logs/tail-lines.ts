import { RUNNER_LINE_BREAK } from "../untrusted/runner-line.js";

/**
 * The last `maxLines` lines of a step's logs, trailing blank lines and spaces dropped (step logs can be
 * long; the full log is one click away). `\r\n`, `\r` and `\n` each end a line, as for the runner.
 * Linear: `trimEnd` scans back once (where `replace(/\s+$/, "")` retried from every start of a blank run,
 * quadratic), and only the kept lines are split; the others are just counted.
 */
export function tailLines(text: string, maxLines: number): string {
  const trimmed = text.trimEnd();
  let breaks = 0;
  let tailStart = 0;
  for (let i = trimmed.length - 1; i >= 0; i--) {
    const c = trimmed.charCodeAt(i);
    if (c !== 10 && c !== 13) continue;
    if (c === 10 && trimmed.charCodeAt(i - 1) === 13) i--;
    breaks++;
    // The line after this break is the maxLines-th from the end.
    if (breaks === maxLines) tailStart = c === 10 && trimmed.charCodeAt(i) === 13 ? i + 2 : i + 1;
  }
  const total = breaks + 1;
  if (total <= maxLines) return trimmed.split(RUNNER_LINE_BREAK).join("\n");
  const kept = trimmed.slice(tailStart).split(RUNNER_LINE_BREAK);
  return [`… ${total - maxLines} earlier lines omitted …`, ...kept].join("\n");
}
