import { appendFile, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  type ArtifactDownloads,
  downloadArtifacts,
  factsFromRun,
  failedStep,
  readRunResults,
} from "@dbt-cloud-kit/app-kit";
import type { DbtRunSummary } from "@dbt-cloud-kit/assets";
import type { CliContext } from "../context/cli-context.js";
import { createClient } from "../credentials/create-client.js";
import { EXIT } from "../errors/exit-codes.js";
import { OptionReader } from "../options/option-reader.js";
import { writeJson } from "../output/json-output.js";
import { renderJobSummary, type SummaryFacts } from "./summary-renderer.js";

/** `summary <run-id>`: the job summary the action writes, from the run and its run_results.json. */
export async function handler(
  ctx: CliContext,
  args: string[],
  options: { out?: string; append?: boolean },
): Promise<number> {
  const reader = new OptionReader(options, ctx.env);
  const runId = reader.runId(args[0]);
  if (options.append && options.out === undefined) {
    reader.add({
      source: "--append",
      problem: "needs --out",
      fix: "add --out FILE, or drop --append to print to stdout",
    });
  }
  reader.done();
  const client = await createClient(ctx);
  const temp = await mkdtemp(join(tmpdir(), "dbt-cloud-kit-summary-"));
  try {
    const run = await client.getRun(runId, {
      includeRelated: ["run_steps", "trigger", "job"],
      signal: ctx.signal,
    });
    const facts: SummaryFacts = {
      ...factsFromRun(run),
      jobId: run.job_definition_id ?? run.job_id ?? 0,
      how: "triggered",
      cause: run.trigger?.cause ?? "",
      notes: [],
      warnings: [],
    };
    const status = facts.status;
    if (run.job?.name) facts.jobName = run.job.name;
    if (run.trigger?.github_pull_request_id) facts.pullRequest = run.trigger.github_pull_request_id;
    if (run.trigger?.schema_override) facts.schemaOverride = run.trigger.schema_override;
    const step = status !== "success" && run.status >= 10 ? failedStep(run) : undefined;
    if (step) facts.failedStep = { index: step.index, name: step.name ?? `step ${step.index}` };
    const workflowRun = workflowRunUrl(ctx.env);
    if (workflowRun) facts.workflowRunUrl = workflowRun;

    let summary: DbtRunSummary | undefined;
    if (run.status >= 10) {
      const downloads: ArtifactDownloads = await downloadArtifacts(
        client,
        run,
        ["run_results.json", "manifest.json"],
        temp,
        "auto",
        ctx.signal,
      ).catch((error: unknown) => {
        if (ctx.signal.aborted) throw error;
        ctx.warn("Could not download the run's artifacts: ", String((error as Error).message));
        return { dir: temp, step: undefined, files: new Map(), missing: ["run_results.json"], warnings: [] };
      });
      const runResults = downloads.files.get("run_results.json");
      if (runResults) {
        try {
          summary = (
            await readRunResults(runResults, downloads.files.get("manifest.json"), (m) => ctx.warn("", m))
          ).summary;
        } catch (error) {
          facts.warnings.push(`run_results.json could not be read: ${(error as Error).message}`);
        }
      } else {
        // Tells the renderer the file was asked for and is missing (not "add it to the artifacts input").
        facts.artifacts = { dir: "", files: [], missing: ["run_results.json"] };
      }
    }
    const markdown = renderJobSummary(facts, summary);
    if (options.out !== undefined) {
      await (options.append ? appendFile : writeFile)(options.out, markdown);
      ctx.info(`Summary of run ${run.id} ${options.append ? "appended to" : "written to"} ${options.out}.`);
    }
    if (ctx.json) writeJson(ctx.stdout, { runId: run.id, status, markdown, out: options.out ?? null });
    else if (options.out === undefined) {
      if (ctx.out.runnerParsed) ctx.out.block(markdown);
      else ctx.stdout.write(markdown);
    }
    return EXIT.success;
  } finally {
    await rm(temp, { recursive: true, force: true });
    await client.close();
  }
}

/** The workflow run's page when the CLI runs inside GitHub Actions (the action's summary links it). */
function workflowRunUrl(env: NodeJS.ProcessEnv): string | undefined {
  if (env.GITHUB_ACTIONS !== "true" || !env.GITHUB_REPOSITORY || !env.GITHUB_RUN_ID) return undefined;
  return `${env.GITHUB_SERVER_URL ?? "https://github.com"}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}`;
}
