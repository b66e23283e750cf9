import type { DbtRunSummary, DbtSummaryNode, DbtTimelineEntry } from "@dbt-cloud-kit/assets";
import type { SummaryFacts } from "../../src/index.js";

/** Text for the i-th untrusted field of a document. */
export type TextSource = (i: number) => string;

/**
 * A run with failed, warned and skipped nodes, a timeline and counts, where every text that comes from dbt
 * Cloud or artifacts is `text(i)`: the same document shape whatever the text is.
 */
export function summaryFixture(
  text: TextSource,
  counts: { failed: number; warned: number } = { failed: 3, warned: 2 },
): { facts: SummaryFacts; summary: DbtRunSummary } {
  let field = 0;
  const t = () => text(field++);
  const node = (status: string, i: number): DbtSummaryNode => ({
    uniqueId: `model.shop.${t()}`,
    name: t(),
    resourceType: i % 2 === 0 ? "model" : "test",
    status,
    executionTime: 10 + i,
    message: t(),
    originalFilePath: t(),
  });
  const failed = Array.from({ length: counts.failed }, (_, i) => node("error", i));
  const warned = Array.from({ length: counts.warned }, (_, i) => node("warn", i));
  const timeline: DbtTimelineEntry[] = [...failed, ...warned].map((n, i) => ({
    uniqueId: n.uniqueId,
    name: n.name,
    resourceType: n.resourceType,
    status: n.status,
    thread: `Thread-${i % 2} ${t()}`,
    startedAt: "2026-01-01T00:00:00Z",
    completedAt: "2026-01-01T00:00:10Z",
    startOffsetSeconds: i,
    durationSeconds: 1 + i,
  }));
  const summary: DbtRunSummary = {
    total: failed.length + warned.length + 4,
    byStatus: { error: failed.length, warn: warned.length, success: 4 },
    byResourceType: {
      model: { error: failed.length, success: 4 },
      test: { warn: warned.length },
    },
    failed,
    warned,
    skipped: ["model.shop.skipped"],
    slowest: [...failed, ...warned].filter((n) => n.resourceType === "model"),
    criticalPath: { method: "dependencies", totalSeconds: 12, nodes: failed.slice(0, 2), timeline: [] },
    timeline,
  };
  const facts: SummaryFacts = {
    status: "error",
    statusCode: 20,
    runId: 70403104,
    runUrl: "https://ab123.us1.dbt.com/deploy/1/projects/2/runs/70403104/",
    jobId: 42,
    jobName: t(),
    how: "triggered",
    cause: t(),
    gitSha: "0123456789abcdef0123456789abcdef01234567",
    gitBranch: t(),
    pullRequest: 8,
    schemaOverride: t(),
    durationSeconds: 95,
    queuedSeconds: 12,
    runSeconds: 83,
    statusMessage: t(),
    failedStep: { index: 4, name: t() },
    notes: [t(), t()],
    warnings: [t(), t()],
    workflowRunUrl: "https://github.com/org/repo/actions/runs/99",
    artifacts: { dir: t(), step: 4, files: [t(), t()], missing: [] },
  };
  return { facts, summary };
}

/** Text an author of a dbt model (or of a hand-edited manifest) controls, aimed at Markdown and HTML. */
export const HOSTILE_TEXTS = [
  "a | b\n| c | d |",
  "</td></tr></table><script>alert(1)</script>",
  "<details><summary>open me</summary>",
  "```\ncode\n```",
  "`` ` `` ```` x",
  "# heading",
  "> quote\n> more\n>",
  "- list\n* item\n1. one\n2) two",
  "**bold** _em_ __strong__ ~~del~~ $x^2$ $$y$$",
  "[link](javascript:alert(1)) ![img](https://x.example/y.png) <https://evil.example>",
  "@octocat and @org/team, see #123, GH-1 and org/repo#5",
  "&lt;b&gt; &amp; &#124; &#x7C;",
  "line1\r\nline2\rline3\n\n\nline4",
  "\\| \\` \\\\ \\",
  "---\n===\n***",
  "<!-- comment -->",
  "    indented code",
  "::error::x ##[group]y",
  "%%{init: {'theme':'dark'}}%%\nsection evil :crit, 0, 1",
  "[^1]\n\n[^1]: footnote",
  "| --- | --- |",
  "\u0000\u0007\u001b[31mred\u001b[0m",
  "é 漢字 🙂 \u202Ereversed",
  "<code>x</code><br><img src=x onerror=alert(1)>",
  "\t\ttabs\tand  spaces ",
  "*",
  "_",
  "[",
  "|",
  "<",
  "1.",
];

export const hostile: TextSource = (i) => HOSTILE_TEXTS[i % HOSTILE_TEXTS.length] ?? "";
export const plain: TextSource = (i) => `plain${i}`;
