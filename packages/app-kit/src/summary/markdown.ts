/** Text safe inside a Markdown table cell: no pipes, no line breaks, bounded length. */
export function cell(text: string | number | undefined, maxLength = 200): string {
  if (text === undefined || text === "") return "";
  let value = String(text)
    .replace(/\r?\n+/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  if (value.length > maxLength) value = `${value.slice(0, maxLength - 1)}…`;
  return value.replace(/\\/g, "\\\\").replace(/\|/g, "\\|").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

export function code(text: string): string {
  return `\`${text.replace(/`/g, "'")}\``;
}

export function link(text: string, url: string | undefined): string {
  return url ? `[${text}](${url})` : text;
}

export function table(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  align?: readonly ("l" | "r")[],
): string {
  const sep = header.map((_, i) => (align?.[i] === "r" ? "---:" : "---"));
  return [header, sep, ...rows].map((r) => `| ${r.join(" | ")} |`).join("\n");
}
