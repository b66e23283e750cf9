import {
  cutCause,
  defaultCause,
  flagSpelling,
  JOB_OPTIONS,
  JobSelectionError,
  type JobSelector,
  resolveJob,
  START_OPTIONS,
  startOrAdoptRun,
  TRIGGER_OVERRIDE_OPTIONS,
} from "@dbt-cloud-kit/app-kit";
import type { TriggerRunOptions } from "@dbt-cloud-kit/client";
import type { CliContext } from "../context/cli-context.js";
import { createClient } from "../credentials/create-client.js";
import { CliUsageError } from "../errors/cli-errors.js";
import { OptionReader } from "../options/option-reader.js";
import { flowLog, followRun } from "./follow-run.js";
import { readFollowOptions } from "./read-follow-options.js";
import { baseReport } from "./run-report.js";

/** `run`: resolve the job, start (or attach to, or retry) a run, then follow it. */
export async function handler(
  ctx: CliContext,
  _args: string[],
  options: Record<string, unknown>,
): Promise<number> {
  const reader = new OptionReader(options, ctx.env);
  const job = readJobSelector(reader, ctx.env);
  const trigger = readTrigger(reader, ctx.env);
  const ifRunning = reader.read(START_OPTIONS.ifRunning);
  const retryFailed = reader.read(START_OPTIONS.retryFailed);
  const follow = readFollowOptions(reader, options as { out?: string }, true);
  reader.done();
  const client = await createClient(ctx);
  try {
    const found = await resolveJob(client, job as JobSelector, flagSpelling, ctx.signal).catch(
      (error: unknown) => {
        throw jobNameUsageError(error);
      },
    );
    ctx.info(`Job ${found.id}: `, found.name ?? undefined);
    const started = await startOrAdoptRun(
      client,
      found.id,
      { ifRunning, retryFailed, trigger, commitHint: "give --git-sha" },
      { log: flowLog(ctx), spell: flagSpelling },
      ctx.signal,
    );
    const report = baseReport(started.run, started.how, found);
    report.notes.push(...started.notes);
    return await followRun(ctx, client, started.run, report, follow);
  } finally {
    await client.close();
  }
}

/** A name that matches no job (or several) is a usage error (exit 2); a 404 for an id stays an API error. */
function jobNameUsageError(error: unknown): unknown {
  if (!(error instanceof JobSelectionError) || error.kind !== "name-not-matched") return error;
  return new CliUsageError(
    [
      {
        source: "--job-name",
        problem: error.detail.replace(/\.$/, ""),
        fix: "use the job's exact name (see `dbt-cloud-kit jobs`), narrow it with --project-id / --environment-id, or use --job-id",
      },
    ],
    { cause: error.cause },
  );
}

/** --job-id or --job-name (DBT_CLOUD_JOB_ID only when neither is given), as the action's inputs. */
function readJobSelector(reader: OptionReader, env: NodeJS.ProcessEnv): JobSelector | undefined {
  const name = reader.read(JOB_OPTIONS.jobName);
  const jobId = reader.read(JOB_OPTIONS.jobId, name === undefined ? "DBT_CLOUD_JOB_ID" : undefined);
  if (jobId !== undefined && name !== undefined) {
    reader.add({
      source: "--job-id",
      problem: "is given together with --job-name",
      fix: "give only one of --job-id and --job-name",
    });
    return undefined;
  }
  if (jobId !== undefined) {
    for (const spec of [JOB_OPTIONS.projectId, JOB_OPTIONS.environmentId]) {
      if (reader.given(spec)) {
        reader.add({
          source: `--${spec.input}`,
          problem: "only narrows a --job-name lookup and is given together with --job-id",
          fix: `remove --${spec.input}, or use --job-name instead of --job-id`,
        });
      }
    }
    return { kind: "id", jobId };
  }
  if (name !== undefined) {
    const selector: JobSelector = { kind: "name", name };
    const projectId = reader.read(JOB_OPTIONS.projectId, "DBT_CLOUD_PROJECT_ID");
    const environmentId = reader.read(JOB_OPTIONS.environmentId, "DBT_CLOUD_ENVIRONMENT_ID");
    if (projectId !== undefined) selector.projectId = projectId;
    if (environmentId !== undefined) selector.environmentId = environmentId;
    return selector;
  }
  if (reader.problems.every((p) => p.source !== "--job-id" && p.source !== "DBT_CLOUD_JOB_ID")) {
    reader.add({
      source: "--job-id",
      problem: `is missing and so is --job-name${env.DBT_CLOUD_JOB_ID === undefined ? "" : " (DBT_CLOUD_JOB_ID is empty)"}`,
      fix: "give --job-id (the number in the job's URL), --job-name, or export DBT_CLOUD_JOB_ID",
    });
  }
  return undefined;
}

function readTrigger(reader: OptionReader, env: NodeJS.ProcessEnv): TriggerRunOptions & { cause: string } {
  const o = TRIGGER_OVERRIDE_OPTIONS;
  const cause = reader.read(o.cause);
  const trigger: TriggerRunOptions & { cause: string } = {
    cause: cause !== undefined ? cutCause(cause) : defaultCause({ env }),
  };
  const set = <K extends keyof TriggerRunOptions>(key: K, value: TriggerRunOptions[K] | undefined) => {
    if (value !== undefined) trigger[key] = value;
  };
  set("gitSha", reader.read(o.gitSha));
  set("gitBranch", reader.read(o.gitBranch));
  set("githubPullRequestId", reader.read(o.pullRequestId));
  set("schemaOverride", reader.read(o.schemaOverride));
  set("dbtVersionOverride", reader.read(o.dbtVersionOverride));
  set("threadsOverride", reader.read(o.threadsOverride));
  set("targetNameOverride", reader.read(o.targetNameOverride));
  set("generateDocsOverride", reader.read(o.generateDocsOverride));
  set("timeoutSecondsOverride", reader.read(o.timeoutSecondsOverride));
  set("stepsOverride", reader.read(o.stepsOverride));
  return trigger;
}
