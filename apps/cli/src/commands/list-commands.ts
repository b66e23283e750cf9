import { JOB_OPTIONS } from "@dbt-cloud-kit/app-kit";
import { type Command, Option } from "commander";
import { addSharedOption } from "../options/commander-options.js";
import { lazyAction, type ProgramRuntime } from "../program/lazy-action.js";
import { addScopeOptions, withExamples } from "./option-groups.js";

/** jobs, runs, projects, environments: tables on a terminal, --json everywhere. */
export function defineListCommands(program: Command, runtime: ProgramRuntime): void {
  const jobs = program.command("jobs").summary("list jobs (scope: --project-id / --environment-id)");
  addScopeOptions(jobs);
  jobs.option("--name <text>", "only jobs whose name contains this text (case-insensitive)");
  withExamples(jobs, [
    "dbt-cloud-kit jobs",
    "dbt-cloud-kit jobs --project-id 11 --json",
    "dbt-cloud-kit jobs --name nightly",
  ]);
  lazyAction(jobs, runtime, () => import("../handlers/jobs-handler.js"));

  const runs = program.command("runs").summary("list recent runs, newest first");
  addSharedOption(runs, { ...JOB_OPTIONS.jobId, description: "only runs of this job" });
  addScopeOptions(runs);
  runs.addOption(
    new Option("--status <status>", "only runs with this status").choices([
      "queued",
      "starting",
      "running",
      "success",
      "error",
      "cancelled",
    ]),
  );
  runs.option("--limit <n>", "how many runs to list (default: 20)");
  withExamples(runs, [
    "dbt-cloud-kit runs --limit 5",
    "dbt-cloud-kit runs --job-id 567 --status error",
    "dbt-cloud-kit runs --status running --json | jq '.[].id'",
  ]);
  lazyAction(runs, runtime, () => import("../handlers/runs-handler.js"));

  const projects = program.command("projects").summary("list projects");
  withExamples(projects, ["dbt-cloud-kit projects", "dbt-cloud-kit projects --json"]);
  lazyAction(projects, runtime, () => import("../handlers/projects-handler.js"));

  const environments = program
    .command("environments")
    .summary("list environments (of --project-id, else of every project)");
  addSharedOption(environments, JOB_OPTIONS.projectId);
  withExamples(environments, [
    "dbt-cloud-kit environments",
    "dbt-cloud-kit environments --project-id 11 --json",
  ]);
  lazyAction(environments, runtime, () => import("../handlers/environments-handler.js"));
}
