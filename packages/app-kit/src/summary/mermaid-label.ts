/** Words a Gantt line may start with that Mermaid reads as a statement rather than a task name. */
const GANTT_KEYWORDS = new Set([
  "accdescr",
  "acctitle",
  "axisformat",
  "click",
  "dateformat",
  "displaymode",
  "excludes",
  "inclusiveenddates",
  "includes",
  "section",
  "tickinterval",
  "title",
  "todaymarker",
  "topaxis",
  "weekday",
  "weekend",
]);

/**
 * A Mermaid label from untrusted text: letters, digits, `_`, `.` and `-` only (everything else, `:` `#`
 * `;` `%` backticks and line breaks included, becomes a space), at most `maxLength` characters, never a
 * Gantt keyword at its start; `fallback` when nothing is left.
 */
export function mermaidLabel(text: string, fallback = "node", maxLength = 80): string {
  let label = text
    .replace(/[^A-Za-z0-9_.-]+/g, " ")
    .trim()
    .slice(0, maxLength)
    .trim();
  if (label === "") label = fallback;
  const first = label.split(" ", 1)[0]?.toLowerCase() ?? "";
  return GANTT_KEYWORDS.has(first) ? `node ${label}` : label;
}
