import {
  actionStatusOf,
  formatDuration,
  JOB_OPTIONS,
  positiveIntegerValue,
  runTimes,
} from "@dbt-cloud-kit/app-kit";
import type { CliContext } from "../context/cli-context.js";
import { createClient } from "../credentials/create-client.js";
import { EXIT } from "../errors/exit-codes.js";
import { OptionReader } from "../options/option-reader.js";
import { writeJson } from "../output/json-output.js";
import { printTable } from "../output/table.js";
import { readScope } from "./scope.js";

const STATUS_CODES: Record<string, number> = {
  queued: 1,
  starting: 2,
  running: 3,
  success: 10,
  error: 20,
  cancelled: 30,
};

/** `runs`: recent runs, newest first. */
export async function handler(
  ctx: CliContext,
  _args: string[],
  options: { status?: string; limit?: string },
): Promise<number> {
  const reader = new OptionReader(options, ctx.env);
  const jobId = reader.read(JOB_OPTIONS.jobId);
  const scope = readScope(reader);
  const limit = positiveIntegerValue("--limit to how many runs to list")(options.limit ?? "20");
  if (!limit.ok) reader.add({ source: "--limit", problem: limit.problem, fix: limit.fix });
  reader.done();
  const client = await createClient(ctx);
  try {
    const runs = await client
      .listRuns({
        ...(jobId !== undefined ? { jobDefinitionId: jobId } : {}),
        ...(scope.projectId !== undefined ? { projectId: scope.projectId } : {}),
        ...(scope.environmentId !== undefined ? { environmentId: scope.environmentId } : {}),
        ...(options.status !== undefined ? { status: STATUS_CODES[options.status] } : {}),
        orderBy: "-id",
        limit: limit.ok ? (limit.value ?? 20) : 20,
        signal: ctx.signal,
      })
      .toArray();
    const rows = runs.map((r) => ({
      id: r.id,
      jobId: r.job_definition_id ?? r.job_id ?? null,
      status: actionStatusOf(r.status),
      statusCode: r.status,
      statusMessage: r.status_message ?? null,
      createdAt: r.created_at ?? null,
      finishedAt: r.finished_at ?? null,
      durationSeconds: runTimes(r).durationSeconds ?? null,
      gitBranch: r.git_branch ?? null,
      gitSha: r.git_sha ?? null,
      runUrl: r.href ?? null,
    }));
    if (ctx.json) writeJson(ctx.stdout, rows);
    else
      printTable(
        ctx,
        [
          { header: "ID", value: (r) => r.id, trusted: true },
          { header: "JOB", value: (r) => r.jobId, trusted: true },
          { header: "STATUS", value: (r) => r.status, trusted: true },
          { header: "DURATION", value: (r) => formatDuration(r.durationSeconds ?? undefined), trusted: true },
          { header: "CREATED", value: (r) => r.createdAt, maxWidth: 25 },
          { header: "BRANCH", value: (r) => r.gitBranch, maxWidth: 30 },
        ],
        rows,
      );
    return EXIT.success;
  } finally {
    await client.close();
  }
}
