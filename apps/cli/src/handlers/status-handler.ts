import { actionStatusOf, formatDuration, runTimes } from "@dbt-cloud-kit/app-kit";
import { runStatusName } from "@dbt-cloud-kit/client";
import type { CliContext } from "../context/cli-context.js";
import { createClient } from "../credentials/create-client.js";
import { EXIT } from "../errors/exit-codes.js";
import { OptionReader } from "../options/option-reader.js";
import { writeJson } from "../output/json-output.js";
import { currentStep } from "../output/run-progress.js";

/** `status <run-id>`: one read; exit 1 when the run failed or was cancelled. */
export async function handler(ctx: CliContext, args: string[], options: object): Promise<number> {
  const reader = new OptionReader(options, ctx.env);
  const runId = reader.runId(args[0]);
  reader.done();
  const client = await createClient(ctx);
  try {
    const run = await client.getRun(runId, { includeRelated: ["run_steps", "trigger"], signal: ctx.signal });
    const times = runTimes(run);
    const step = run.status < 10 ? currentStep(run) : undefined;
    const blockedBy = run.blocked_by ?? [];
    const status = actionStatusOf(run.status);
    const result = {
      runId: run.id,
      runUrl: run.href ?? null,
      jobId: run.job_definition_id ?? run.job_id ?? null,
      status,
      statusCode: run.status,
      statusMessage: run.status_message ?? null,
      queuePosition:
        run.status === 1
          ? (run.queued_position ?? (blockedBy.length > 0 ? blockedBy.length + 1 : null))
          : null,
      blockedBy,
      currentStep: step ? { index: step.index, name: step.name ?? null, status: step.status ?? null } : null,
      steps: [...(run.run_steps ?? [])]
        .sort((a, b) => a.index - b.index)
        .map((s) => ({ index: s.index, name: s.name ?? null, status: s.status ?? null })),
      cause: run.trigger?.cause ?? null,
      gitSha: run.git_sha ?? null,
      gitBranch: run.git_branch ?? null,
      createdAt: run.created_at ?? null,
      startedAt: run.started_at ?? null,
      finishedAt: run.finished_at ?? null,
      durationSeconds: times.durationSeconds ?? null,
      queuedSeconds: times.queuedSeconds ?? null,
      runSeconds: times.runSeconds ?? null,
      canRetry: run.can_retry ?? null,
    };
    if (ctx.json) writeJson(ctx.stdout, result);
    else {
      const s = ctx.outStyle;
      const color =
        status === "success" ? s.green : status === "error" || status === "cancelled" ? s.red : s.cyan;
      const queue = result.queuePosition !== null ? ` (queue position ${result.queuePosition})` : "";
      ctx.out.text(`Run ${run.id}: ${color(runStatusName(run.status))}${queue}`);
      if (result.jobId !== null) ctx.out.text(`  Job:       ${result.jobId}`);
      if (result.cause) ctx.out.line("  Cause:     ", result.cause);
      if (result.gitBranch || result.gitSha)
        ctx.out.line(
          "  Commit:    ",
          [result.gitSha?.slice(0, 12), result.gitBranch].filter(Boolean).join(" on "),
        );
      ctx.out.text(
        `  Duration:  queued ${formatDuration(times.queuedSeconds)} · ran ${formatDuration(times.runSeconds)} · total ${formatDuration(times.durationSeconds)}`,
      );
      if (step) ctx.out.line(`  Step:      ${step.index}/${result.steps.length} `, step.name ?? "");
      if (result.statusMessage && run.status >= 10) ctx.out.line("  Message:   ", result.statusMessage);
      if (result.runUrl) ctx.out.line("  Link:      ", result.runUrl);
    }
    return status === "error" || status === "cancelled" ? EXIT.runFailed : EXIT.success;
  } finally {
    await client.close();
  }
}
