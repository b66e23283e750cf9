import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  COMMENT_MAX_CHARS,
  JOB_SUMMARY_MAX_BYTES,
  type RenderOptions,
  renderJobSummary,
} from "../src/index.js";
import { cell, code, codeCell, escapeText, fence, quote, table } from "../src/summary/markdown.js";
import { outlineOf, renderHtml, structureOf, textOf } from "./helpers/markdown-structure.js";
import { HOSTILE_TEXTS, hostile, plain, summaryFixture } from "./helpers/summary-fixture.js";

const TARGETS: RenderOptions[] = [
  {},
  { headingLevel: 3, slowest: 5, target: "comment" },
  { target: "comment", limit: { max: 6000, unit: "chars" } },
];

function documentOf(text: (i: number) => string, options: RenderOptions) {
  const { facts, summary } = summaryFixture(text);
  const markdown = renderJobSummary(facts, summary, options);
  return { markdown, html: renderHtml(markdown) };
}

describe("renderJobSummary with hostile text (rendered by micromark + GFM)", () => {
  for (const options of TARGETS) {
    it(`keeps the document structure of plain text (${JSON.stringify(options)})`, () => {
      const plainDoc = documentOf(plain, options);
      // Each hostile text in turn in every field, and all of them mixed.
      const sources = [hostile, ...HOSTILE_TEXTS.map((h) => () => h)];
      for (const source of sources) {
        const hostileDoc = documentOf(source, options);
        expect(structureOf(hostileDoc.html), hostileDoc.markdown).toEqual(structureOf(plainDoc.html));
      }
      // The structure is the one the report means to have (so the comparison is not vacuous).
      const outline = outlineOf(plainDoc.html);
      expect(outline.headings.length).toBeGreaterThanOrEqual(3);
      expect(outline.tables.length).toBeGreaterThanOrEqual(2);
      expect(outline.tables[0]?.cells.every((n) => n === 2)).toBe(true);
      expect(outline.blockquotes).toBeGreaterThan(0);
    });
  }

  it("keeps the nodes table at its row and cell counts and the Mermaid chart as one code block", () => {
    const { html, markdown } = documentOf(hostile, {});
    const outline = outlineOf(html);
    const nodes = outline.tables[1];
    expect(nodes?.rows).toBe(1 + 5);
    expect(nodes?.cells.every((n) => n === 4)).toBe(true);
    expect(outline.codeBlocks).toBe(1);
    const chart = /```mermaid\n([\s\S]*?)\n```/.exec(markdown)?.[1] ?? "";
    for (const line of chart.split("\n").slice(3)) {
      expect(line).toMatch(/^ {2}(section [A-Za-z0-9_. -]+|[A-Za-z0-9_. -]+ :(crit, |active, )?\d+, \d+)$/);
    }
    expect(chart).not.toMatch(/%%|section evil/);
  });

  it("shows untrusted text as the characters it was (line breaks as spaces)", () => {
    const name = "a | b <c> & `d` *e* [f](g) @h #1";
    const { facts, summary } = summaryFixture(() => name);
    const text = textOf(renderHtml(renderJobSummary(facts, summary)));
    expect(text).toContain(name);
  });

  it("neutralises @mentions and #123 references in the PR comment, not in the job summary", () => {
    const source = () => "@octocat see #123";
    // GitHub links no mention inside code, so only the text outside <code> counts.
    const outsideCode = (html: string) => textOf(html.replace(/<code>[\s\S]*?<\/code>/g, ""));
    const comment = outsideCode(renderHtml(documentOf(source, { target: "comment" }).markdown));
    expect(comment).not.toMatch(/@octocat|#123/);
    expect(comment.replaceAll("\u2060", "")).toContain("@octocat see #123");
    const summaryText = textOf(renderHtml(documentOf(source, {}).markdown));
    expect(summaryText).toContain("@octocat see #123");
  });

  it("makes no link from text, and only http(s) links from URLs", () => {
    const { html } = documentOf(
      () => "[x](https://evil.example) <https://evil.example> [y]: https://e.example",
      {},
    );
    expect(html).not.toContain('href="https://evil.example');
    const { facts, summary } = summaryFixture(plain);
    const bad = renderHtml(renderJobSummary({ ...facts, runUrl: "javascript:alert(1)" }, summary));
    expect(bad).not.toContain("javascript:");
  });
});

describe("markdown helpers (property: no input changes the structure)", () => {
  const text = fc.string({
    unit: fc.constantFrom(..."ab |`*_~[]()<>&#@!$\\\n\r\t-+=>.1:%;\"'".split("")),
    maxLength: 40,
  });

  it("escapeText in a table cell, a heading, a quote and prose", () => {
    const shape = (s: string) =>
      structureOf(
        renderHtml(
          `## ${escapeText(s)} end\n\n${table(["h", "i"], [[cell(s), codeCell(s)]])}\n\n${quote(s)}\n\n${escapeText(s)} and ${code(s)}\n`,
        ),
      );
    const expected = shape("x");
    fc.assert(
      fc.property(text, (s) => {
        // Blank text renders nothing, by design; everything else keeps the shape of "x".
        fc.pre(escapeText(s) !== "");
        expect(shape(s)).toEqual(expected);
      }),
      // Counterexamples found once by random runs, always checked: a quote line `:-` under another line was
      // a GFM table delimiter row, and `a@.a` an e-mail autolink.
      {
        numRuns: 500,
        examples: [["a\n:-"], ["a\r-:"], ["x\n:---:"], ["a@.a"], ["a.@b.c"], ["a+@b-c.d"]],
      },
    );
  });

  it("a code span or fence holds any backtick run and shows the text unchanged", () => {
    fc.assert(
      fc.property(text, (s) => {
        const oneLine = s.replace(/\r\n|\r|\n/g, " ");
        if (oneLine.trim() === "") return;
        const html = renderHtml(`${code(oneLine)}\n`);
        expect(structureOf(html)).toEqual(["p", "code", "/code", "/p"]);
        const block = renderHtml(fence(s, "text"));
        expect(structureOf(block)).toEqual(["pre", "code.text", "/code", "/pre"]);
        expect(textOf(block)).toBe(`${s.split(/\r\n|\r|\n/).join("\n")}\n`);
      }),
      { numRuns: 500 },
    );
  });
});

describe("GitHub's size limits", () => {
  const many = (n: number) =>
    summaryFixture((i) => `${"long message ".repeat(40)}${i}`, { failed: n, warned: n });

  it("keeps the job summary under 1 MiB, saying how many rows were left out", () => {
    const { facts, summary } = many(20_000);
    const huge = { ...facts, statusMessage: "x".repeat(5_000_000), notes: Array(10_000).fill("note") };
    const markdown = renderJobSummary(huge, summary, {
      limit: { max: JOB_SUMMARY_MAX_BYTES, unit: "bytes" },
    });
    expect(Buffer.byteLength(markdown)).toBeLessThanOrEqual(JOB_SUMMARY_MAX_BYTES);
    expect(markdown).toContain("_…and 39950 more rows left out._");
    expect(markdown).toContain("more notes left out");
  });

  it("keeps the PR comment within 65,536 characters by trimming tables first", () => {
    // Pipes escape to entities, so 50 rows of them are far more than a comment holds.
    const { facts, summary } = summaryFixture((i) => `${"|".repeat(300)}${i}`, { failed: 500, warned: 500 });
    const limit = { max: COMMENT_MAX_CHARS, unit: "chars" as const };
    const markdown = renderJobSummary(facts, summary, { target: "comment", limit });
    expect(markdown.length).toBeLessThanOrEqual(COMMENT_MAX_CHARS);
    expect(markdown).toMatch(/_…and \d+ more rows left out\._/);
    const full = renderJobSummary(facts, summary, { target: "comment" });
    expect(full.length).toBeGreaterThan(COMMENT_MAX_CHARS);
    // What is kept still renders as the same kind of document: headline, facts table, nodes table.
    expect(outlineOf(renderHtml(markdown)).tables.length).toBeGreaterThanOrEqual(2);
  });

  it("cuts at a line with a note when even the smallest rendering does not fit", () => {
    const { facts, summary } = many(5);
    const markdown = renderJobSummary(facts, summary, { limit: { max: 600, unit: "chars" } });
    expect(markdown.length).toBeLessThanOrEqual(600);
    expect(markdown).toContain("did not fit GitHub's size limit");
  });
});
