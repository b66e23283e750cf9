/**
 * The structure of a rendered Markdown document (HTML from a CommonMark/GFM renderer), for tests that
 * compare a report of hostile text with the same report of plain text.
 */

/** The document's element structure: every tag in order, without attributes (a `pre` keeps its language). */
export function structureOf(html: string): string[] {
  return [...html.matchAll(/<(\/?)([a-zA-Z][a-zA-Z0-9]*)\b([^>]*)>/g)].map(([, close, name, attrs]) => {
    const language = /class="language-([^"]+)"/.exec(attrs ?? "")?.[1];
    return `${close}${name?.toLowerCase()}${language ? `.${language}` : ""}`;
  });
}

/** Counts of the parts the issue names: headings, tables with their rows and cells, details, code blocks. */
export interface MarkdownOutline {
  headings: string[];
  /** Each table's row count and cells per row (header row included). */
  tables: { rows: number; cells: number[] }[];
  details: number;
  codeBlocks: number;
  blockquotes: number;
}

export function outlineOf(html: string): MarkdownOutline {
  const tags = structureOf(html);
  const tables: { rows: number; cells: number[] }[] = [];
  let current: { rows: number; cells: number[] } | undefined;
  for (const tag of tags) {
    if (tag === "table") {
      current = { rows: 0, cells: [] };
      tables.push(current);
    } else if (tag === "/table") current = undefined;
    else if (tag === "tr" && current) {
      current.rows++;
      current.cells.push(0);
    } else if ((tag === "td" || tag === "th") && current) {
      current.cells[current.cells.length - 1] = (current.cells.at(-1) ?? 0) + 1;
    }
  }
  return {
    headings: tags.filter((t) => /^h[1-6]$/.test(t)),
    tables,
    details: tags.filter((t) => t === "details").length,
    codeBlocks: tags.filter((t) => t === "pre").length,
    blockquotes: tags.filter((t) => t === "blockquote").length,
  };
}

/** The visible text, entities decoded (enough for the few the renderer writes). */
export function textOf(html: string): string {
  return html
    .replace(/<[^>]*>/g, "")
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}
