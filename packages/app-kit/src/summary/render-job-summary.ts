import type { DbtRunSummary, DbtSummaryNode } from "@dbt-cloud-kit/assets";
import { type ActionStatus, formatDuration } from "../status/action-status.js";
import { cell, code, link, table } from "./markdown.js";
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

export interface RenderOptions {
  /** Heading level of the title (2 in the job summary; the PR comment uses 3). */
  headingLevel?: 2 | 3;
  /** How many slowest models to list. */
  slowest?: number;
  /** Include the Mermaid chart. */
  chart?: boolean;
}

/** The job summary / PR comment body: a pure function from the run's facts and its dbt results. */
export function renderJobSummary(
  facts: SummaryFacts,
  summary?: DbtRunSummary,
  options: RenderOptions = {},
): string {
  const h = "#".repeat(options.headingLevel ?? 2);
  const sub = `${h}#`;
  const parts: string[] = [headline(facts, h)];
  const quote = [
    facts.explanation,
    facts.statusMessage && facts.statusMessage !== facts.explanation ? facts.statusMessage : undefined,
  ]
    .filter((s): s is string => Boolean(s))
    .map((s) => `> ${s.replace(/\n+/g, " ")}`);
  if (quote.length > 0) parts.push(quote.join("\n>\n"));
  parts.push(factsTable(facts));
  for (const w of facts.warnings) parts.push(`> [!WARNING]\n> ${w.replace(/\n+/g, " ")}`);
  if (summary) {
    const problems = [...summary.failed, ...summary.warned];
    if (problems.length > 0) parts.push(`${sub} Failed and warned nodes\n\n${nodesTable(problems)}`);
    if (summary.skipped.length > 0) {
      const n = summary.skipped.length;
      // dbt skips descendants of a failure; Fusion also skips nodes in a successful build.
      const why = summary.failed.length > 0 ? " because something upstream failed" : "";
      parts.push(`⏭️ ${n} node${n === 1 ? " was" : "s were"} skipped${why}.`);
    }
    if (summary.total > 0) parts.push(`${sub} Results\n\n${countsTable(summary)}`);
    const slowest = summary.slowest
      .filter((n) => n.resourceType === "model" && n.executionTime > 0)
      .slice(0, options.slowest ?? 10);
    if (slowest.length > 0) parts.push(`${sub} Slowest models\n\n${slowestTable(slowest)}`);
    if (options.chart !== false) {
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
    parts.push(
      `Artifacts${step} in ${code(facts.artifacts.dir)}: ${facts.artifacts.files.map(code).join(", ")}`,
    );
  }
  return `${parts.join("\n\n")}\n`;
}

function headline(f: SummaryFacts, h: string): string {
  const { icon, text } = HEADLINE[f.status];
  const run = f.runId !== undefined ? link(`run #${f.runId}`, f.runUrl) : "run";
  const job = f.jobName ? `**${cell(f.jobName, 100)}**` : `job ${f.jobId}`;
  return `${h} ${icon} dbt Cloud ${run} ${text} — ${job}`;
}

function factsTable(f: SummaryFacts): string {
  const rows: string[][] = [];
  rows.push(["Job", `${f.jobName ? `${cell(f.jobName, 100)} ` : ""}(${f.jobId})`]);
  const how =
    f.how === "triggered"
      ? "Triggered"
      : f.how === "reused"
        ? "Attached to an in-flight run"
        : "Retried from failure";
  rows.push(["Trigger", `${how}: ${cell(f.cause)}`]);
  if (f.gitSha || f.gitBranch) {
    rows.push([
      "Commit",
      [
        f.gitSha ? code(f.gitSha.slice(0, 12)) : undefined,
        f.gitBranch ? `on ${code(f.gitBranch)}` : undefined,
      ]
        .filter(Boolean)
        .join(" "),
    ]);
  }
  if (f.pullRequest !== undefined) {
    rows.push([
      "Pull request",
      `#${f.pullRequest}${f.schemaOverride ? ` → schema ${code(f.schemaOverride)}` : ""}`,
    ]);
  } else if (f.schemaOverride) {
    rows.push(["Schema", code(f.schemaOverride)]);
  }
  if (f.failedStep) rows.push(["Failed step", `${f.failedStep.index}. ${cell(f.failedStep.name)}`]);
  rows.push(["Status", `${f.status}${f.statusCode !== undefined ? ` (${f.statusCode})` : ""}`]);
  const durations = [
    `queued ${formatDuration(f.queuedSeconds)}`,
    `ran ${formatDuration(f.runSeconds)}`,
    `total ${formatDuration(f.durationSeconds)}`,
  ];
  rows.push(["Duration", durations.join(" · ")]);
  if (f.workflowRunUrl) rows.push(["Workflow run", link("logs", f.workflowRunUrl)]);
  for (const note of f.notes) rows.push(["Note", cell(note)]);
  return table(["", ""], rows);
}

function nodeLabel(n: DbtSummaryNode): string {
  return n.originalFilePath ? `${code(n.name)}<br>${cell(n.originalFilePath)}` : code(n.name);
}

function statusIcon(status: string): string {
  if (status === "warn") return "⚠️ warn";
  if (status === "skipped") return "⏭️ skipped";
  return `❌ ${status}`;
}

function nodesTable(nodes: DbtSummaryNode[]): string {
  const rows = nodes
    .slice(0, 50)
    .map((n) => [
      statusIcon(n.status),
      nodeLabel(n),
      cell(n.resourceType),
      cell(
        `${n.message ?? ""}${n.failures !== undefined && n.failures > 0 && !n.message ? ` (${n.failures} failing rows)` : ""}`,
        300,
      ),
    ]);
  const more = nodes.length > 50 ? `\n\n…and ${nodes.length - 50} more.` : "";
  return `${table(["Status", "Node", "Type", "Message"], rows)}${more}`;
}

function orderedStatuses(summary: DbtRunSummary): string[] {
  const present = Object.keys(summary.byStatus);
  return [
    ...STATUS_ORDER.filter((s) => present.includes(s)),
    ...present.filter((s) => !STATUS_ORDER.includes(s)).sort(),
  ];
}

function countsTable(summary: DbtRunSummary): string {
  const statuses = orderedStatuses(summary);
  const types = Object.keys(summary.byResourceType).sort();
  const rows = types.map((t) => {
    const counts = summary.byResourceType[t] ?? {};
    const total = Object.values(counts).reduce((a, b) => a + b, 0);
    return [t, ...statuses.map((s) => String(counts[s] ?? 0)), String(total)];
  });
  rows.push(["**total**", ...statuses.map((s) => `**${summary.byStatus[s] ?? 0}**`), `**${summary.total}**`]);
  return table(["Resource type", ...statuses, "total"], rows, [
    "l",
    ...statuses.map(() => "r" as const),
    "r",
  ]);
}

function slowestTable(nodes: DbtSummaryNode[]): string {
  return table(
    ["Model", "Time", "Status"],
    nodes.map((n) => [nodeLabel(n), `${n.executionTime.toFixed(1)}s`, cell(n.status)]),
    ["l", "r", "l"],
  );
}

function whereTimeWent(summary: DbtRunSummary): string | undefined {
  const parts: string[] = [];
  const path = summary.criticalPath;
  if (path.nodes.length > 0) {
    const how = path.method === "dependencies" ? "longest dependency chain" : "longest chain by timing";
    parts.push(
      `Critical path (${how}, ${path.totalSeconds.toFixed(1)}s): ${path.nodes.map((n) => code(n.name)).join(" → ")}`,
    );
  }
  const gantt = renderGantt(summary);
  if (gantt) parts.push(gantt);
  return parts.length > 0 ? parts.join("\n\n") : undefined;
}
