import { retryRun } from "@dbt-cloud-kit/app-kit";
import { RunStatus, runStatusName } from "@dbt-cloud-kit/client";
import type { CliContext } from "../context/cli-context.js";
import { createClient } from "../credentials/create-client.js";
import { CliUsageError } from "../errors/cli-errors.js";
import { OptionReader } from "../options/option-reader.js";
import { flowLog, followRun } from "./follow-run.js";
import { readFollowOptions } from "./read-follow-options.js";
import { baseReport } from "./run-report.js";

/** `retry <run-id>`: retry a failed run from its failed step (never twice), then follow the new run. */
export async function handler(
  ctx: CliContext,
  args: string[],
  options: Record<string, unknown>,
): Promise<number> {
  const reader = new OptionReader(options, ctx.env);
  const runId = reader.runId(args[0]);
  const follow = readFollowOptions(reader, options as { out?: string }, true);
  reader.done();
  const client = await createClient(ctx);
  try {
    const failed = await client.getRun(runId, { includeRelated: ["trigger"], signal: ctx.signal });
    if (failed.status !== RunStatus.Error) {
      throw new CliUsageError([
        {
          source: "<run-id>",
          problem: `run ${runId} is ${runStatusName(failed.status)}, and only a failed run can be retried`,
          fix: "give the id of a failed run, or start a new one with `dbt-cloud-kit run`",
        },
      ]);
    }
    if (failed.can_retry === false) {
      throw new CliUsageError([
        {
          source: "<run-id>",
          problem: `dbt Cloud cannot retry run ${runId} (${failed.retry_not_supported_reason ?? "no reason given"}); only the job's latest run can be retried`,
          fix: "start a new run with `dbt-cloud-kit run`",
        },
      ]);
    }
    const jobId = failed.job_definition_id ?? failed.job_id ?? 0;
    const run = await retryRun(client, failed.id, flowLog(ctx), ctx.signal);
    ctx.info(`Retrying failed run ${runId} from the point of failure as run ${run.id}.`);
    const report = baseReport(run, "retried", jobId ? { id: jobId } : undefined);
    report.notes.push(`Retried failed run ${runId} from the point of failure.`);
    return await followRun(ctx, client, run, report, follow);
  } finally {
    await client.close();
  }
}
