import { JOB_OPTIONS } from "@dbt-cloud-kit/app-kit";
import type { Command } from "commander";
import { addSharedOption } from "../options/commander-options.js";
import { lazyAction, type ProgramRuntime } from "../program/lazy-action.js";
import {
  addArtifactOptions,
  addStartOptions,
  addTriggerOptions,
  addWaitOptions,
  withExamples,
} from "./option-groups.js";

/** run, wait, retry, cancel: the commands that act on runs. */
export function defineRunCommands(program: Command, runtime: ProgramRuntime): void {
  const run = program
    .command("run")
    .summary("trigger a job, wait for it, download its artifacts; the exit code says how it went")
    .description(
      "Trigger a dbt Cloud job (by --job-id or exact --job-name), wait for the run, print the failed step's logs, download artifacts and exit with the outcome — what the GitHub Action does, from any shell.",
    );
  for (const spec of Object.values(JOB_OPTIONS)) addSharedOption(run, spec);
  addTriggerOptions(run);
  addStartOptions(run);
  addWaitOptions(run, { optional: true });
  addArtifactOptions(run);
  withExamples(run, [
    "dbt-cloud-kit run --job-id 567",
    'dbt-cloud-kit run --job-name "Nightly build" --project-id 11 --timeout 3600 --no-cancel-on-timeout',
    'dbt-cloud-kit run --job-id 567 --steps-override "dbt seed" --steps-override "dbt build -s tag:daily"',
    "dbt-cloud-kit run --job-id 567 --git-branch feature/x --schema-override dbt_ci_42 --if-running cancel",
    "dbt-cloud-kit run --job-id 567 --no-wait --json | jq .runId",
    "dbt-cloud-kit run --job-id 567 --artifacts run_results.json,catalog.json --out target",
  ]);
  lazyAction(run, runtime, () => import("../handlers/run-handler.js"));

  const wait = program
    .command("wait")
    .summary("wait for a run to finish; the exit code says how it went")
    .description(
      "Wait for a run, print the failed step's logs, download artifacts and exit with the outcome.",
    )
    .argument("<run-id>", "the run to wait for");
  addWaitOptions(wait, { optional: false });
  addArtifactOptions(wait);
  withExamples(wait, [
    "dbt-cloud-kit wait 70000123",
    "dbt-cloud-kit wait 70000123 --timeout 1800 --no-artifacts",
    'RUN=$(dbt-cloud-kit run --job-id 567 --no-wait --json | jq -r .runId); …; dbt-cloud-kit wait "$RUN"',
  ]);
  lazyAction(wait, runtime, () => import("../handlers/wait-handler.js"));

  const retry = program
    .command("retry")
    .summary("retry a failed run from the point of failure, then wait for it")
    .description(
      "Retry a failed run from its failed step (dbt Cloud can only retry a job's latest run), then wait like `run`. A lost response never starts a second retry.",
    )
    .argument("<run-id>", "the failed run");
  addWaitOptions(retry, { optional: true });
  addArtifactOptions(retry);
  withExamples(retry, ["dbt-cloud-kit retry 70000123", "dbt-cloud-kit retry 70000123 --no-wait --json"]);
  lazyAction(retry, runtime, () => import("../handlers/retry-handler.js"));

  const cancel = program
    .command("cancel")
    .summary("cancel a queued or running run")
    .argument("<run-id>", "the run to cancel");
  withExamples(cancel, ["dbt-cloud-kit cancel 70000123", "dbt-cloud-kit cancel 70000123 --json"]);
  lazyAction(cancel, runtime, () => import("../handlers/cancel-handler.js"));
}
