import type { DbtRunSummary, DbtSummaryNode } from "@dbt-cloud-kit/assets";
import { type ActionStatus, formatDuration } from "../status/action-status.js";
import { countEntries, nestedCountEntries } from "./count-entries.js";
import { cell, code, codeCell, link, type MarkdownTarget, quote, table, truncate } from "./markdown.js";
import { renderGantt } from "./mermaid-gantt.js";
import type { SummaryFacts } from "./summary-facts.js";

const RUN_RESULTS = "run_results.json";

const HEADLINE: Record<ActionStatus, { icon: string; text: string }> = {
  success: { icon: "✅", text: "succeeded" },
  error: { icon: "❌", text: "failed" },
  cancelled: { icon: "⛔", text: "was cancelled" },
  timeout: { icon: "⏱️", text: "timed out" },
  queued: { icon: "🕒", text: "is queued" },
  starting: { icon: "🕒", text: "is starting" },
  running: { icon: "🏃", text: "is running" },
};

const STATUS_ORDER = ["success", "pass", "warn", "error", "fail", "runtime error", "skipped", "no-op"];

/** GitHub's limits: a step's job summary is at most 1 MiB, a comment at most 65,536 characters. */
export const JOB_SUMMARY_MAX_BYTES = 1024 * 1024;
export const COMMENT_MAX_CHARS = 65_536;

export interface SizeLimit {
  max: number;
  /** `bytes` of UTF-8 (the job summary) or `chars` (UTF-16 code units, never fewer than GitHub counts). */
  unit: "bytes" | "chars";
}

export interface RenderOptions {
  /** Heading level of the title (2 in the job summary; the PR comment uses 3). */
  headingLevel?: 2 | 3;
  /** How many slowest models to list. */
  slowest?: number;
  /** Include the Mermaid chart. */
  chart?: boolean;
  /** `comment` also neutralises `@mentions` and `#123` references in text from dbt Cloud. */
  target?: MarkdownTarget;
  /** The document stays within this size: tables lose rows (with a line saying how many) until it fits. */
  limit?: SizeLimit;
}

/** How much of each section a rendering keeps; later levels keep less. */
interface Detail {
  nodeRows: number;
  slowest: number;
  chart: boolean;
  counts: boolean;
  listItems: number;
}

export function measure(text: string, unit: SizeLimit["unit"]): number {
  return unit === "bytes" ? Buffer.byteLength(text, "utf8") : text.length;
}

/**
 * The job summary / PR comment body: a pure function from the run's facts and its dbt results. Text from
 * dbt Cloud and artifacts is escaped for where it lands; with `limit`, the document fits it.
 */
export function renderJobSummary(
  facts: SummaryFacts,
  summary?: DbtRunSummary,
  options: RenderOptions = {},
): string {
  const slowest = options.slowest ?? 10;
  const chart = options.chart !== false;
  const levels: Detail[] = [
    { nodeRows: 50, slowest, chart, counts: true, listItems: 20 },
    { nodeRows: 20, slowest, chart, counts: true, listItems: 20 },
    { nodeRows: 10, slowest: Math.min(slowest, 5), chart: false, counts: true, listItems: 10 },
    { nodeRows: 3, slowest: 0, chart: false, counts: true, listItems: 5 },
    { nodeRows: 0, slowest: 0, chart: false, counts: false, listItems: 3 },
  ];
  let markdown = "";
  for (const detail of levels) {
    markdown = render(facts, summary, options, detail);
    if (!options.limit || measure(markdown, options.limit.unit) <= options.limit.max) return markdown;
  }
  return cutToLimit(markdown, options.limit as SizeLimit);
}

/** Last resort: whole lines up to the limit, then a line saying the rest did not fit. */
function cutToLimit(markdown: string, limit: SizeLimit): string {
  const note = "\n\n_…the rest of this report did not fit GitHub's size limit._\n";
  const budget = limit.max - measure(note, limit.unit);
  const lines = markdown.split("\n");
  let size = 0;
  let kept = 0;
  while (kept < lines.length) {
    const next = measure(`${lines[kept]}\n`, limit.unit);
    if (size + next > budget) break;
    size += next;
    kept++;
  }
  return `${lines.slice(0, kept).join("\n")}${note}`;
}

function leftOut(n: number, what: string): string {
  return `_…and ${n} more ${what}${n === 1 ? "" : "s"} left out._`;
}

function render(
  facts: SummaryFacts,
  summary: DbtRunSummary | undefined,
  options: RenderOptions,
  detail: Detail,
): string {
  const target = options.target ?? "summary";
  const esc = (text: string | number, max = 300) => cell(text, max, { target });
  const h = "#".repeat(options.headingLevel ?? 2);
  const sub = `${h}#`;
  const parts: string[] = [headline(facts, h, target)];
  const quoted = [
    facts.explanation,
    facts.statusMessage && facts.statusMessage !== facts.explanation ? facts.statusMessage : undefined,
  ]
    .filter((s): s is string => Boolean(s))
    .map((s) => quote(truncate(s, 2000), { target }));
  if (quoted.length > 0) parts.push(quoted.join("\n>\n"));
  parts.push(factsTable(facts, detail, target));
  for (const w of facts.warnings.slice(0, detail.listItems)) {
    parts.push(`> [!WARNING]\n> ${esc(w, 500)}`);
  }
  if (facts.warnings.length > detail.listItems) {
    parts.push(leftOut(facts.warnings.length - detail.listItems, "warning"));
  }
  if (summary) {
    const problems = [...summary.failed, ...summary.warned];
    if (problems.length > 0) {
      parts.push(`${sub} Failed and warned nodes\n\n${nodesTable(problems, detail.nodeRows, target)}`);
    }
    if (summary.skipped.length > 0) {
      const n = summary.skipped.length;
      // dbt skips descendants of a failure; Fusion also skips nodes in a successful build.
      const why = summary.failed.length > 0 ? " because something upstream failed" : "";
      parts.push(`⏭️ ${n} node${n === 1 ? " was" : "s were"} skipped${why}.`);
    }
    if (summary.total > 0 && detail.counts) parts.push(`${sub} Results\n\n${countsTable(summary, target)}`);
    const slowestModels = summary.slowest
      .filter((n) => n.resourceType === "model" && n.executionTime > 0)
      .slice(0, detail.slowest);
    if (slowestModels.length > 0) {
      parts.push(`${sub} Slowest models\n\n${slowestTable(slowestModels, target)}`);
    }
    if (detail.chart) {
      const time = whereTimeWent(summary);
      if (time) parts.push(`${sub} Where the time went\n\n${time}`);
    }
  } else if (facts.status === "success" || facts.status === "error") {
    const requested = facts.artifacts
      ? [...facts.artifacts.files, ...facts.artifacts.missing].includes(RUN_RESULTS)
      : false;
    parts.push(
      requested
        ? "_No run_results.json for this run, so there are no per-node results to show._"
        : "_Per-node results come from run_results.json: add it to the `artifacts` input to see them here._",
    );
  }
  if (facts.artifacts && facts.artifacts.files.length > 0) {
    const step = facts.artifacts.step !== undefined ? ` (step ${facts.artifacts.step})` : "";
    const files = facts.artifacts.files.slice(0, detail.listItems).map((f) => code(truncate(f, 200)));
    const more = facts.artifacts.files.length - files.length;
    parts.push(
      `Artifacts${step} in ${code(truncate(facts.artifacts.dir, 200))}: ${files.join(", ")}${more > 0 ? ` and ${more} more` : ""}`,
    );
  }
  return `${parts.join("\n\n")}\n`;
}

function headline(f: SummaryFacts, h: string, target: MarkdownTarget): string {
  const { icon, text } = HEADLINE[f.status];
  const run = f.runId !== undefined ? link(`run #${f.runId}`, f.runUrl) : "run";
  const job = f.jobName ? `**${cell(f.jobName, 100, { target })}**` : `job ${f.jobId}`;
  return `${h} ${icon} dbt Cloud ${run} ${text} — ${job}`;
}

function factsTable(f: SummaryFacts, detail: Detail, target: MarkdownTarget): string {
  const esc = (text: string | number, max = 200) => cell(text, max, { target });
  const rows: string[][] = [];
  rows.push(["Job", `${f.jobName ? `${esc(f.jobName, 100)} ` : ""}(${f.jobId})`]);
  const how =
    f.how === "triggered"
      ? "Triggered"
      : f.how === "reused"
        ? "Attached to an in-flight run"
        : "Retried from failure";
  rows.push(["Trigger", `${how}: ${esc(f.cause)}`]);
  if (f.gitSha || f.gitBranch) {
    rows.push([
      "Commit",
      [
        f.gitSha ? codeCell(f.gitSha.slice(0, 12), 12, { target }) : undefined,
        f.gitBranch ? `on ${codeCell(f.gitBranch, 200, { target })}` : undefined,
      ]
        .filter(Boolean)
        .join(" "),
    ]);
  }
  if (f.pullRequest !== undefined) {
    rows.push([
      "Pull request",
      `#${f.pullRequest}${f.schemaOverride ? ` → schema ${codeCell(f.schemaOverride, 200, { target })}` : ""}`,
    ]);
  } else if (f.schemaOverride) {
    rows.push(["Schema", codeCell(f.schemaOverride, 200, { target })]);
  }
  if (f.failedStep) rows.push(["Failed step", `${f.failedStep.index}. ${esc(f.failedStep.name)}`]);
  rows.push(["Status", `${f.status}${f.statusCode !== undefined ? ` (${f.statusCode})` : ""}`]);
  const durations = [
    `queued ${formatDuration(f.queuedSeconds)}`,
    `ran ${formatDuration(f.runSeconds)}`,
    `total ${formatDuration(f.durationSeconds)}`,
  ];
  rows.push(["Duration", durations.join(" · ")]);
  if (f.workflowRunUrl) rows.push(["Workflow run", link("logs", f.workflowRunUrl)]);
  for (const note of f.notes.slice(0, detail.listItems)) rows.push(["Note", esc(note, 300)]);
  const more = f.notes.length - Math.min(f.notes.length, detail.listItems);
  return `${table(["", ""], rows)}${more > 0 ? `\n\n${leftOut(more, "note")}` : ""}`;
}

function nodeLabel(n: DbtSummaryNode, target: MarkdownTarget): string {
  const name = codeCell(n.name, 200, { target });
  return n.originalFilePath ? `${name}<br>${cell(n.originalFilePath, 200, { target })}` : name;
}

function statusIcon(status: string, target: MarkdownTarget): string {
  if (status === "warn") return "⚠️ warn";
  if (status === "skipped") return "⏭️ skipped";
  return `❌ ${cell(status, 40, { target })}`;
}

function nodesTable(nodes: DbtSummaryNode[], maxRows: number, target: MarkdownTarget): string {
  if (maxRows <= 0) return leftOut(nodes.length, "row");
  const rows = nodes
    .slice(0, maxRows)
    .map((n) => [
      statusIcon(n.status, target),
      nodeLabel(n, target),
      cell(n.resourceType, 40, { target }),
      cell(
        `${n.message ?? ""}${n.failures !== undefined && n.failures > 0 && !n.message ? ` (${n.failures} failing rows)` : ""}`,
        300,
        { target },
      ),
    ]);
  const more = nodes.length > maxRows ? `\n\n${leftOut(nodes.length - maxRows, "row")}` : "";
  return `${table(["Status", "Node", "Type", "Message"], rows)}${more}`;
}

const MAX_STATUS_COLUMNS = 10;
const MAX_TYPE_ROWS = 30;

function countsTable(summary: DbtRunSummary, target: MarkdownTarget): string {
  const byStatus = countEntries(summary.byStatus);
  const byType = nestedCountEntries(summary.byResourceType);
  const present = [...byStatus.keys()];
  const ordered = [
    ...STATUS_ORDER.filter((s) => byStatus.has(s)),
    ...present.filter((s) => !STATUS_ORDER.includes(s)).sort(),
  ];
  // Unusual statuses beyond the first few share one "other" column, so the table stays readable.
  const statuses = ordered.slice(0, MAX_STATUS_COLUMNS);
  const other = ordered.slice(MAX_STATUS_COLUMNS);
  const sum = (counts: Map<string, number>, keys: string[]) =>
    keys.reduce((a, k) => a + (counts.get(k) ?? 0), 0);
  const types = [...byType.keys()].sort();
  const rows = types.slice(0, MAX_TYPE_ROWS).map((t) => {
    const counts = byType.get(t) ?? new Map<string, number>();
    const total = [...counts.values()].reduce((a, b) => a + b, 0);
    return [
      cell(t, 60, { target }),
      ...statuses.map((s) => String(counts.get(s) ?? 0)),
      ...(other.length > 0 ? [String(sum(counts, other))] : []),
      String(total),
    ];
  });
  rows.push([
    "**total**",
    ...statuses.map((s) => `**${byStatus.get(s) ?? 0}**`),
    ...(other.length > 0 ? [`**${sum(byStatus, other)}**`] : []),
    `**${summary.total}**`,
  ]);
  const header = [
    "Resource type",
    ...statuses.map((s) => cell(s, 40, { target })),
    ...(other.length > 0 ? [`other (${other.length} statuses)`] : []),
    "total",
  ];
  const more = types.length > MAX_TYPE_ROWS ? `\n\n${leftOut(types.length - MAX_TYPE_ROWS, "row")}` : "";
  return `${table(header, rows, ["l", ...header.slice(1).map(() => "r" as const)])}${more}`;
}

function slowestTable(nodes: DbtSummaryNode[], target: MarkdownTarget): string {
  return table(
    ["Model", "Time", "Status"],
    nodes.map((n) => [
      nodeLabel(n, target),
      `${n.executionTime.toFixed(1)}s`,
      cell(n.status, 40, { target }),
    ]),
    ["l", "r", "l"],
  );
}

const MAX_PATH_NODES = 20;

function whereTimeWent(summary: DbtRunSummary): string | undefined {
  const parts: string[] = [];
  const path = summary.criticalPath;
  if (path.nodes.length > 0) {
    const how = path.method === "dependencies" ? "longest dependency chain" : "longest chain by timing";
    const names = path.nodes.slice(0, MAX_PATH_NODES).map((n) => code(truncate(n.name, 200)));
    const more = path.nodes.length - names.length;
    parts.push(
      `Critical path (${how}, ${path.totalSeconds.toFixed(1)}s): ${names.join(" → ")}${more > 0 ? ` → …${more} more` : ""}`,
    );
  }
  const gantt = renderGantt(summary);
  if (gantt) parts.push(gantt);
  return parts.length > 0 ? parts.join("\n\n") : undefined;
}
