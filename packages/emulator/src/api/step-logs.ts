import { allManifestNodes } from "../manifest/types.js";
import type { EmulatorState } from "../state/emulator-state.js";
import type { RunRecord, StepTiming } from "../state/run-model.js";

const clock = (ms: number) => new Date(ms).toISOString().slice(11, 19);

interface Line {
  at: number;
  text: string;
}

function dotted(left: string, right: string): string {
  const width = 80;
  const dots = Math.max(3, width - left.length - right.length - 2);
  return `${left} ${".".repeat(dots)} ${right}`;
}

function dbtLines(state: EmulatorState, run: RunRecord, timing: StepTiming): Line[] {
  const exec = timing.step.execution!;
  const project = state.projects.get(run.projectId)!;
  const nodes = allManifestNodes(project.manifest);
  const t0 = timing.startedAt;
  const lines: Line[] = [
    { at: t0, text: `Running with dbt=${run.dbtVersion === "latest" ? "1.9.4" : run.dbtVersion}` },
  ];
  const counts = new Map<string, number>();
  for (const n of Object.values(project.manifest.nodes))
    counts.set(n.resource_type, (counts.get(n.resource_type) ?? 0) + 1);
  lines.push({
    at: t0 + 1_500,
    text: `Found ${[...counts].map(([k, v]) => `${v} ${k}${v === 1 ? "" : "s"}`).join(", ")}, ${Object.keys(project.manifest.sources).length} sources`,
  });
  if (exec.errorMessage && exec.results.length === 0) {
    lines.push({ at: t0 + exec.durationMs, text: exec.errorMessage });
    return lines;
  }
  if (!exec.writesRunResults) {
    lines.push({
      at: t0 + exec.durationMs,
      text: exec.command.subcommand === "source freshness" ? `Done. PASS=${exec.freshness.length}` : "Done.",
    });
    return lines;
  }
  const total = exec.results.length;
  exec.results.forEach((r, i) => {
    const node = nodes.get(r.uniqueId);
    const label = `${node?.resource_type ?? "node"} ${node?.schema ?? ""}.${node?.name ?? r.uniqueId}`;
    if (r.status !== "skipped")
      lines.push({ at: t0 + r.startMs, text: dotted(`${i + 1} of ${total} START ${label}`, "[RUN]") });
    const secs = `${((r.endMs - r.startMs) / 1000).toFixed(2)}s`;
    const outcome: Record<string, string> = {
      success: `[${r.message ?? "OK"} in ${secs}]`,
      pass: `[PASS in ${secs}]`,
      warn: `[WARN ${r.failures} in ${secs}]`,
      fail: `[FAIL ${r.failures} in ${secs}]`,
      error: `[ERROR in ${secs}]`,
      skipped: "[SKIP]",
    };
    const verb =
      r.status === "skipped"
        ? "SKIP"
        : r.status === "error"
          ? "ERROR creating"
          : r.status === "success"
            ? "OK created"
            : r.status.toUpperCase();
    lines.push({
      at: t0 + r.endMs,
      text: dotted(`${i + 1} of ${total} ${verb} ${label}`, outcome[r.status] ?? ""),
    });
  });
  const by = (s: string) => exec.results.filter((r) => r.status === s).length;
  const errors = by("error") + by("fail");
  const end = t0 + exec.durationMs;
  lines.push({
    at: end,
    text: `Finished running ${total} nodes in ${(exec.durationMs / 1000).toFixed(2)}s.`,
  });
  if (errors > 0 || by("warn") > 0) {
    lines.push({
      at: end,
      text: `Completed with ${errors} error${errors === 1 ? "" : "s"} and ${by("warn")} warning${by("warn") === 1 ? "" : "s"}:`,
    });
    for (const r of exec.results.filter(
      (x) => x.status === "error" || x.status === "fail" || x.status === "warn",
    )) {
      const node = nodes.get(r.uniqueId);
      const kind = r.status === "warn" ? "Warning in" : r.status === "fail" ? "Failure in" : "Error in";
      lines.push({
        at: end,
        text: `${kind} ${node?.resource_type ?? "node"} ${node?.name ?? r.uniqueId} (${node?.original_file_path ?? ""})`,
      });
      if (r.message) lines.push({ at: end, text: `  ${r.message}` });
    }
  } else {
    lines.push({ at: end, text: "Completed successfully" });
  }
  lines.push({
    at: end,
    text: `Done. PASS=${by("success") + by("pass")} WARN=${by("warn")} ERROR=${errors} SKIP=${by("skipped")} NO-OP=0 TOTAL=${total}`,
  });
  return lines;
}

function setupLines(run: RunRecord, timing: StepTiming): Line[] {
  const { step } = timing;
  const t0 = timing.startedAt;
  const done = t0 + step.durationMs;
  if (step.outcome === "error")
    return [
      { at: t0, text: `${step.name}` },
      { at: done, text: step.setupError ?? "failed" },
    ];
  if (step.index === 1) {
    return [
      { at: t0, text: "Cloning into '/tmp/jobs/repo'..." },
      { at: done, text: `Checked out at ${run.gitSha.slice(0, 7)} on branch ${run.gitBranch}.` },
    ];
  }
  if (step.index === 2)
    return [
      { at: done, text: `Writing profile for target "${run.targetName}" with ${run.threads} threads.` },
    ];
  return [
    { at: t0, text: "Installing dbt-labs/dbt_utils" },
    { at: done, text: "Installed from version 1.3.0" },
  ];
}

/** A step's console and debug logs as far as the step has got at `now`. */
export function renderStepLogs(
  state: EmulatorState,
  run: RunRecord,
  timing: StepTiming,
  now: number,
): { text: string; debug: string } {
  const limit = Math.min(now, timing.finishedAt ?? now);
  const all = timing.step.kind === "dbt" ? dbtLines(state, run, timing) : setupLines(run, timing);
  const visible = all.filter((l) => l.at <= limit).sort((a, b) => a.at - b.at);
  if (timing.finishedAt !== undefined && timing.status === 30)
    visible.push({ at: limit, text: "Cancelled: this step was stopped." });
  const text = visible.map((l) => `${clock(l.at)}  ${l.text}`).join("\n");
  const debug = visible
    .map((l) => `${new Date(l.at).toISOString()} [debug] [MainThread]: ${l.text}`)
    .join("\n");
  return { text, debug };
}
