/**
 * Markdown for text from dbt Cloud or artifacts, escaped for where it lands. Each helper returns text that
 * renders as exactly the characters it was given (line breaks become spaces where a line break would end
 * the construct) and can open no construct of its own: no HTML, emphasis, links, images, code, math,
 * strikethrough, table cells, headings, quotes or lists.
 */

/** Where the Markdown goes: a PR comment also neutralises `@mentions` and `#123` references. */
export type MarkdownTarget = "summary" | "comment";

export interface EscapeOptions {
  target?: MarkdownTarget;
}

const ENTITIES = new Map([
  ["&", "&amp;"],
  ["<", "&lt;"],
  [">", "&gt;"],
  // A raw pipe would end a table cell; an entity never does.
  ["|", "&#124;"],
]);

/** Inline punctuation that can open a construct: escaped with a backslash (CommonMark, GFM, GitHub math). */
const BACKSLASHED = new Set(["\\", "`", "*", "~", "[", "]", "$", "!"]);

/** WORD JOINER: invisible, and GitHub's @mention, #123 and URL autolinkers do not read across it. */
const JOINER = "\u2060";

// C0 and C1 controls (tab and line breaks are handled as blanks before this runs).
// biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;

function isWordChar(c: string | undefined): boolean {
  return c !== undefined && /[\p{L}\p{N}]/u.test(c);
}

/** Characters GFM's e-mail autolink reads before and after the `@`. */
function isEmailLocalChar(c: string | undefined): boolean {
  return isWordChar(c) || c === "." || c === "-" || c === "_" || c === "+";
}

function isEmailDomainChar(c: string | undefined): boolean {
  return isWordChar(c) || c === "." || c === "-" || c === "_";
}

/**
 * One line of untrusted text for Markdown prose, a table cell, a heading or a quote line: blanks (line
 * breaks included) collapse to one space, `&`, `<`, `>` and `|` become entities, inline markers are
 * backslash-escaped, a leading block marker (`#`, `>`, `-`, `+`, `=`, `:`, `1.`) is escaped, and URLs and
 * e-mail addresses do not become links.
 */
export function escapeText(text: string | number, options: EscapeOptions = {}): string {
  const value = String(text).replace(/\s+/g, " ").replace(CONTROL, " ").trim();
  const comment = options.target === "comment";
  let out = "";
  for (let i = 0; i < value.length; i++) {
    const c = value[i] as string;
    const prev = value[i - 1];
    const next = value[i + 1];
    const entity = ENTITIES.get(c);
    if (entity !== undefined) out += entity;
    else if (BACKSLASHED.has(c)) out += `\\${c}`;
    else if (c === "_") {
      // A run of `_` inside a word (snake_case, `posts___0`) can neither open nor close emphasis.
      let end = i;
      while (value[end] === "_") end++;
      const run = value.slice(i, end);
      out += isWordChar(prev) && isWordChar(value[end]) ? run : run.replaceAll("_", "\\_");
      i = end - 1;
    } else if ((c === "@" || c === "#") && comment && isWordChar(next)) {
      out += `${c}${JOINER}`;
    } else if (c === "@" && isEmailLocalChar(prev) && isEmailDomainChar(next)) {
      // GFM links `a@b.c` and also `a@.b`, `a.@b.c`, `a+@b-c.d`: the joiner keeps the domain from starting.
      out += `${c}${JOINER}`;
    } else if (c === ":" && value.startsWith("//", i + 1)) {
      out += `${c}${JOINER}`;
    } else if ((c === "w" || c === "W") && !isWordChar(prev) && /^www\./i.test(value.slice(i, i + 4))) {
      out += `${value.slice(i, i + 3)}${JOINER}`;
      i += 2;
    } else out += c;
  }
  // `:` too: a quote line of `:-` under another line is a GFM table delimiter row (a one-column table).
  return out.replace(/^[#+=:-]/, "\\$&").replace(/^(\d{1,9})([.)])/, "$1\\$2");
}

/** A table cell: escaped text, at most `maxLength` characters of it (cut before escaping). */
export function cell(
  text: string | number | undefined,
  maxLength = 200,
  options: EscapeOptions = {},
): string {
  if (text === undefined || text === "") return "";
  return escapeText(truncate(String(text).replace(/\s+/g, " ").trim(), maxLength), options);
}

/** Cuts to at most `maxLength` characters, marking the cut with `…` (never splits a surrogate pair). */
export function truncate(text: string, maxLength: number): string {
  if (text.length <= maxLength) return text;
  let end = Math.max(0, maxLength - 1);
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--;
  return `${text.slice(0, end)}…`;
}

/**
 * A code span for prose: the fence is one backtick longer than the longest backtick run in the text, so
 * no content can close it early; text that starts or ends with a backtick or a space gets one space on
 * each side (CommonMark strips exactly that). Line breaks become spaces. Not for table cells: `codeCell`.
 */
export function code(text: string): string {
  const value = text.replace(/\r\n|\r|\n/g, " ");
  if (value === "") return "";
  let longest = 0;
  let run = 0;
  for (const c of value) {
    run = c === "`" ? run + 1 : 0;
    if (run > longest) longest = run;
  }
  const fence = "`".repeat(longest + 1);
  const pad = /^[` ]|[` ]$/.test(value) ? " " : "";
  return `${fence}${pad}${value}${pad}${fence}`;
}

/**
 * Code in a table cell: `<code>` around escaped text. A code span cannot hold a `|` safely in every GFM
 * renderer (the cell splitter and backslashes disagree), an entity can.
 */
export function codeCell(text: string, maxLength = 200, options: EscapeOptions = {}): string {
  return `<code>${cell(text, maxLength, options)}</code>`;
}

/**
 * A fenced code block whose fence is longer than any backtick run at the start of a line of the text, so
 * the text cannot close it; `\r` and `\r\n` line breaks become `\n`.
 */
export function fence(text: string, info = ""): string {
  const lines = text.split(/\r\n|\r|\n/);
  let longest = 2;
  for (const line of lines) {
    const match = /^ {0,3}(`+)/.exec(line);
    if (match?.[1] && match[1].length > longest) longest = match[1].length;
  }
  const marks = "`".repeat(longest + 1);
  return `${marks}${info}\n${lines.join("\n")}\n${marks}`;
}

/**
 * A blockquote of untrusted text: one `> ` prefix per line of it, each line escaped; blank lines are
 * dropped, so the quote is one paragraph whatever the text.
 */
export function quote(text: string, options: EscapeOptions = {}): string {
  const lines = text
    .split(/\r\n|\r|\n/)
    .map((line) => escapeText(line, options))
    .filter((line) => line !== "");
  return lines.length === 0 ? ">" : lines.map((line) => `> ${line}`).join("\n");
}

const URL_SYNTAX_ESCAPES = new Map([
  ["(", "%28"],
  [")", "%29"],
  ["\\", "%5C"],
  ["|", "%7C"],
  ["`", "%60"],
]);

/** An http(s) URL as a link destination, or undefined for anything else (`javascript:`, junk). */
export function safeUrl(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== "https:" && parsed.protocol !== "http:") return undefined;
    // href percent-encodes blanks, `<`, `>` and quotes, but can leave `\` (escapes the closing `>` of the
    // destination), `|` (splits a table cell before links are read) and backticks (open a code span);
    // those and the parentheses of the link syntax are encoded too. Same URL, encoded characters only.
    let href = "";
    for (const c of parsed.href) href += URL_SYNTAX_ESCAPES.get(c) ?? c;
    return href;
  } catch {
    return undefined;
  }
}

/** `[text](<url>)` when the URL is a safe http(s) URL; `text` is Markdown the caller already escaped. */
export function link(markdownText: string, url: string | undefined): string {
  const href = safeUrl(url);
  return href ? `[${markdownText}](<${href}>)` : markdownText;
}

export function table(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  align?: readonly ("l" | "r")[],
): string {
  const sep = header.map((_, i) => (align?.[i] === "r" ? "---:" : "---"));
  return [header, sep, ...rows].map((r) => `| ${r.join(" | ")} |`).join("\n");
}
