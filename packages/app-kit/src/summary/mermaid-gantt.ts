import type { DbtRunSummary, DbtTimelineEntry } from "@dbt-cloud-kit/assets";
import { mermaidLabel } from "./mermaid-label.js";

const MAX_BARS = 30;

function taskName(entry: DbtTimelineEntry): string {
  return mermaidLabel(entry.name, mermaidLabel(entry.uniqueId));
}

function tag(status: string): string {
  if (status === "error" || status === "fail" || status === "runtime error") return "crit, ";
  if (status === "warn") return "active, ";
  return "";
}

/**
 * A Gantt chart of where the time went: one section per dbt thread, the longest nodes (at most 30, so the
 * chart stays readable), failed nodes in red. Times are milliseconds from the run's first start.
 */
export function renderGantt(summary: DbtRunSummary): string | undefined {
  const timed = summary.timeline.filter((e) => e.durationSeconds > 0);
  if (timed.length === 0) return undefined;
  const chosen = new Set(
    [...timed]
      .sort((a, b) => b.durationSeconds - a.durationSeconds || a.uniqueId.localeCompare(b.uniqueId))
      .slice(0, MAX_BARS),
  );
  const byThread = new Map<string, DbtTimelineEntry[]>();
  for (const entry of timed) {
    if (!chosen.has(entry)) continue;
    const lane = entry.thread ?? "run";
    byThread.set(lane, [...(byThread.get(lane) ?? []), entry]);
  }
  const lines = ["```mermaid", "gantt", "  dateFormat x", "  axisFormat %M:%S"];
  if (timed.length > MAX_BARS) lines.push(`  title The ${MAX_BARS} longest of ${timed.length} nodes`);
  const lanes = [...byThread.keys()].sort((a, b) => a.localeCompare(b, "en", { numeric: true }));
  for (const lane of lanes) {
    lines.push(`  section ${mermaidLabel(lane, "run")}`);
    for (const e of byThread.get(lane) ?? []) {
      const start = Math.round(e.startOffsetSeconds * 1000);
      const end = start + Math.max(1, Math.round(e.durationSeconds * 1000));
      lines.push(`  ${taskName(e)} :${tag(e.status)}${start}, ${end}`);
    }
  }
  lines.push("```");
  return lines.join("\n");
}
