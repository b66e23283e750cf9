import { describe, expect, it } from "vitest";
import { link, safeUrl, table } from "../src/summary/markdown.js";
import { renderHtml, structureOf } from "./helpers/markdown-structure.js";

// Run URLs come from dbt Cloud (`href`): a URL the URL parser leaves a `\`, `|` or backtick in must not
// end the link early, split a table cell, or open a code span.
const HOSTILE_URLS = [
  "https://x.example.com/runs/1/?a\\",
  "https://x.example.com/runs/1/#a\\",
  "https://x.example.com/runs/1/#a|b|c",
  "https://x.example.com/runs/1|2/",
  "https://x.example.com/runs/1/?q=`x`",
  "https://x.example.com/runs/1/#`",
];
const PLAIN_URL = "https://x.example.com/runs/1/";

describe("links to untrusted URLs", () => {
  it.each(HOSTILE_URLS)("%s keeps the structure of a plain link, in a heading and in a table cell", (url) => {
    const doc = (u: string) =>
      renderHtml(
        `## Run ${link("run #1", u)} \`code\`\n\n${table(
          ["a", "b"],
          [
            ["Run", link("logs", u)],
            ["x", "y"],
          ],
        )}\n`,
      );
    expect(structureOf(doc(url))).toEqual(structureOf(doc(PLAIN_URL)));
    // The same tags could hide a broken link turned autolink, or a cell cut at a `|` (GFM drops the
    // extra cells): the links keep their text and no link syntax is left over as text.
    const html = doc(url);
    expect(html).toContain('href="https://x.example.com/runs/');
    expect(html).toMatch(/">run #1<\/a>/);
    expect(html).toMatch(/">logs<\/a>/);
    expect(html).not.toContain("](");
  });

  it("still points where it was meant to (encoded characters only)", () => {
    for (const url of HOSTILE_URLS) {
      const href = safeUrl(url) as string;
      expect(href).not.toMatch(/[\\|`()<> ]/);
      expect(decodeURIComponent(href)).toBe(decodeURIComponent(new URL(url).href));
    }
  });
});
