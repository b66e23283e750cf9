import { ARTIFACT_OPTIONS } from "@dbt-cloud-kit/app-kit";
import type { Command } from "commander";
import { addSharedOption } from "../options/commander-options.js";
import { lazyAction, type ProgramRuntime } from "../program/lazy-action.js";
import { withExamples } from "./option-groups.js";

/** status, logs, artifacts, summary: reading one run. */
export function defineInspectCommands(program: Command, runtime: ProgramRuntime): void {
  const status = program
    .command("status")
    .summary("show a run's status, queue position and current step")
    .description(
      "Show a run's status, times, queue position and current step. Exits 1 when the run failed or was cancelled.",
    )
    .argument("<run-id>", "the run");
  withExamples(status, [
    "dbt-cloud-kit status 70000123",
    "dbt-cloud-kit status 70000123 --json | jq -r .status",
  ]);
  lazyAction(status, runtime, () => import("../handlers/status-handler.js"));

  const logs = program
    .command("logs")
    .summary("print a run's step logs")
    .argument("<run-id>", "the run")
    .option("--step <n>", "only this step (1-based index)")
    .option("--failed", "only the step that failed");
  withExamples(logs, [
    "dbt-cloud-kit logs 70000123",
    "dbt-cloud-kit logs 70000123 --failed",
    "dbt-cloud-kit logs 70000123 --step 4 > build.log",
  ]);
  lazyAction(logs, runtime, () => import("../handlers/logs-handler.js"));

  const artifacts = program
    .command("artifacts")
    .summary("download a run's artifacts (from the right step by default)")
    .description(
      "Download artifacts of a run into --out. Without paths: run_results.json and manifest.json, as the action. The step is the last dbt step that wrote run_results.json unless --step is given; catalog.json and sources.json come from their own steps.",
    )
    .argument("<run-id>", "the run")
    .argument("[paths...]", "artifact paths relative to target/ (default: run_results.json manifest.json)")
    .option(
      "--out <dir>",
      `directory to write them into (default: "${ARTIFACT_OPTIONS.artifactsDir.defaultValue}")`,
    )
    .option("--list", "list the run's artifacts instead of downloading");
  addSharedOption(artifacts, { ...ARTIFACT_OPTIONS.artifactsStep, input: "step" });
  withExamples(artifacts, [
    "dbt-cloud-kit artifacts 70000123 --out target",
    "dbt-cloud-kit artifacts 70000123 catalog.json --out docs",
    "dbt-cloud-kit artifacts 70000123 run_results.json --step 2 --out step2",
    "dbt-cloud-kit artifacts 70000123 --list",
  ]);
  lazyAction(artifacts, runtime, () => import("../handlers/artifacts-handler.js"));

  const summary = program
    .command("summary")
    .summary("print the Markdown summary the GitHub Action writes for a run")
    .argument("<run-id>", "the run")
    .option("--out <file>", 'write it to this file instead of stdout (e.g. "$GITHUB_STEP_SUMMARY")')
    .option("--append", "append to --out instead of replacing it");
  withExamples(summary, [
    "dbt-cloud-kit summary 70000123 > summary.md",
    'dbt-cloud-kit summary 70000123 --out "$GITHUB_STEP_SUMMARY" --append',
  ]);
  lazyAction(summary, runtime, () => import("../handlers/summary-handler.js"));
}
