import { RUNNER_LINE_BREAK } from "../untrusted/runner-line.js";

/**
 * The last `maxLines` lines of a step's logs, trailing blank lines and spaces dropped (step logs can be
 * long; the full log is one click away). Linear in the text: `trimEnd` scans back once, where
 * `replace(/\s+$/, "")` retried from every start of a blank run (quadratic on long blank runs).
 */
export function tailLines(text: string, maxLines: number): string {
  const lines = text.trimEnd().split(RUNNER_LINE_BREAK);
  if (lines.length <= maxLines) return lines.join("\n");
  return [`… ${lines.length - maxLines} earlier lines omitted …`, ...lines.slice(-maxLines)].join("\n");
}
