import {
  type ActionStatus,
  actionStatusOf,
  artifactsUnavailable,
  downloadArtifacts,
  errorText,
  explainOutcome,
  failedStep,
  failureReport,
  flagSpelling,
  formatDuration,
  type RunFlowLog,
  readFinishedRun,
  readRunResults,
  tailLines,
  waitForTerminal,
} from "@dbt-cloud-kit/app-kit";
import type { DbtCloudClient, DbtCloudRun } from "@dbt-cloud-kit/client";
import type { CliContext } from "../context/cli-context.js";
import { InterruptedError } from "../errors/cli-errors.js";
import { EXIT } from "../errors/exit-codes.js";
import { writeJson } from "../output/json-output.js";
import { createRunProgress } from "../output/run-progress.js";
import { fillRun, type RunReport } from "./run-report.js";

export interface FollowOptions {
  wait: boolean;
  pollIntervalMs: number;
  timeoutMs: number;
  cancelOnTimeout: boolean;
  cancelOnAbort: boolean;
  failOnError: boolean;
  artifacts: string[];
  /** Named explicitly (not the default list): missing ones fail a successful run, as in the action. */
  requiredArtifacts: string[];
  artifactsDir: string;
  artifactsStep: "auto" | number;
}

const STEP_LOG_LINES = 400;

export function flowLog(ctx: CliContext): RunFlowLog {
  return { info: ctx.info, warn: ctx.warn, debug: ctx.debug };
}

/**
 * After a run exists: wait for it (live progress), cancel it on timeout or interruption when asked to,
 * read its steps, print the failed step's logs, download artifacts, summarise run_results — the action's
 * sequence — then print the result and return the exit code.
 */
export async function followRun(
  ctx: CliContext,
  client: DbtCloudClient,
  started: DbtCloudRun,
  report: RunReport,
  options: FollowOptions,
): Promise<number> {
  const log = flowLog(ctx);
  ctx.info(`Run ${started.id} is ${actionStatusOf(started.status)}: `, started.href ?? undefined);
  if (!options.wait) {
    return finish(
      ctx,
      report,
      EXIT.success,
      `Run ${started.id} is ${report.status}; not waiting for it (--no-wait).`,
    );
  }

  const progress = createRunProgress(ctx, client, options.pollIntervalMs);
  let lastSeen = started;
  const outcome = await waitForTerminal(client, started.id, {
    pollIntervalMs: options.pollIntervalMs,
    timeoutMs: options.timeoutMs,
    signal: ctx.signal,
    onPoll: (run) => {
      lastSeen = run;
      progress.update(run);
    },
    onStatusLine: progress.statusLine,
  }).finally(() => progress.stop());

  if (outcome.kind !== "finished") {
    const last = outcome.run ?? lastSeen;
    const cancel = outcome.kind === "timeout" ? options.cancelOnTimeout : options.cancelOnAbort;
    const cancelled = cancel ? await cancelQuietly(ctx, client, last.id) : false;
    const status: ActionStatus =
      outcome.kind === "timeout" ? "timeout" : cancelled ? "cancelled" : actionStatusOf(last.status);
    fillRun(report, last, status);
    report.cancelled = cancelled;
    const flag = outcome.kind === "timeout" ? "cancel-on-timeout" : "cancel-on-abort";
    const what =
      outcome.kind === "timeout"
        ? `Run ${last.id} did not finish within ${formatDuration(options.timeoutMs / 1000)} (timeout)`
        : `Interrupted while waiting for run ${last.id}`;
    const after = cancelled
      ? "; the run was cancelled."
      : cancel
        ? "; cancelling it failed, it may still be running."
        : `; it is still ${actionStatusOf(last.status)} in dbt Cloud (--no-${flag}).`;
    report.explanation = `${what}${after}`;
    if (outcome.kind === "timeout") return finish(ctx, report, EXIT.timeout, report.explanation);
    const signal = ctx.signal.reason instanceof InterruptedError ? ctx.signal.reason.signal : "SIGINT";
    finish(ctx, report, signal === "SIGTERM" ? EXIT.terminated : EXIT.interrupted, report.explanation);
    throw new InterruptedError(signal, report.explanation);
  }

  const run = await readFinishedRun(
    client,
    outcome.run,
    Math.min(5000, options.pollIntervalMs),
    ctx.signal,
    log,
  );
  const status = actionStatusOf(run.status);
  fillRun(report, run, status);
  report.explanation = explainOutcome(run) ?? null;
  const step = status !== "success" ? failedStep(run) : undefined;
  if (step) {
    report.failedStep = { index: step.index, name: step.name ?? `step ${step.index}` };
    if (!ctx.quiet) {
      ctx.err.line(`Logs of failed step ${step.index}: `, step.name ?? "");
      ctx.err.block(
        step.logs ? tailLines(step.logs, STEP_LOG_LINES) : "(dbt Cloud returned no logs for this step)",
      );
    }
  }

  if (options.artifacts.length > 0) {
    const downloads = await downloadArtifacts(
      client,
      run,
      options.artifacts,
      options.artifactsDir,
      options.artifactsStep,
      ctx.signal,
    ).catch((error: unknown) => {
      if (ctx.signal.aborted) throw error;
      return artifactsUnavailable(run, options.artifacts, options.artifactsDir, error);
    });
    for (const w of downloads.warnings) ctx.warn("", w);
    report.warnings.push(...downloads.warnings);
    report.artifacts = {
      dir: downloads.dir,
      step: downloads.step ?? null,
      files: Object.fromEntries(downloads.files),
      missing: downloads.missing,
    };
    const runResults = downloads.files.get("run_results.json");
    if (runResults) {
      try {
        const results = await readRunResults(runResults, downloads.files.get("manifest.json"), (m) =>
          ctx.warn("", m),
        );
        report.results = results.results;
        report.failedNodes = results.failedNodes;
        const counts = Object.entries(results.summary.byStatus)
          .map(([s, n]) => `${n} ${s}`)
          .join(", ");
        ctx.info(`dbt results: ${results.summary.total} nodes — `, counts);
      } catch (error) {
        const warning = `run_results.json could not be read: ${errorText(error)}`;
        ctx.warn("", warning);
        report.warnings.push(warning);
      }
    }
    if (downloads.files.size > 0)
      ctx.info(`Artifacts in ${downloads.dir}: `, [...downloads.files.keys()].join(", "));
  }

  const missingRequired = options.requiredArtifacts.filter((p) => report.artifacts?.missing.includes(p));
  // The action's verdict: a missing required artifact or a failed run fails (with --fail-on-error); a stale
  // CI run cancelled by dbt Cloud does not (the newer commit's run carries the result).
  const verdict = failureReport(
    run,
    { ...report, status },
    {
      failOnError: options.failOnError,
      missingRequired,
      spell: flagSpelling,
      token: "the token",
    },
  );
  const code = verdict.fails ? EXIT.runFailed : EXIT.success;
  if (verdict.explanation !== undefined) {
    report.explanation = verdict.explanation;
    return finish(ctx, report, code, verdict.explanation);
  }
  if (status === "success") {
    return finish(
      ctx,
      report,
      code,
      `Run ${run.id} succeeded in ${formatDuration(report.durationSeconds ?? undefined)}.`,
    );
  }
  const where = report.failedStep ? ` at step ${report.failedStep.index}` : "";
  return finish(
    ctx,
    report,
    code,
    `Run ${run.id} ${status === "cancelled" ? "was cancelled" : "failed"}${where}.`,
  );
}

/** The result: JSON on stdout with --json, else the final line (plus dbt Cloud's message and link). */
export function finish(ctx: CliContext, report: RunReport, code: number, headline: string): number {
  if (ctx.json) {
    writeJson(ctx.stdout, report);
    return code;
  }
  const s = ctx.outStyle;
  const mark = code === EXIT.success ? s.green("✔") : code === EXIT.timeout ? s.yellow("⏱") : s.red("✖");
  ctx.out.text(`${mark} ${headline}`);
  if (report.failedStep) ctx.out.line(`  Failed step ${report.failedStep.index}: `, report.failedStep.name);
  if (report.explanation && report.explanation !== headline) ctx.out.text(`  ${report.explanation}`);
  if (report.statusMessage && report.status !== "success")
    ctx.out.line("  dbt Cloud says: ", report.statusMessage);
  if (report.failedNodes && report.failedNodes.length > 0) {
    ctx.out.line(
      `  Failed nodes (${report.failedNodes.length}): `,
      report.failedNodes.slice(0, 20).join(", "),
    );
  }
  if (report.runUrl) ctx.out.line("  Link: ", report.runUrl);
  return code;
}

async function cancelQuietly(ctx: CliContext, client: DbtCloudClient, runId: number): Promise<boolean> {
  try {
    // A fresh signal: the command's own signal may already be aborted.
    await client.cancelRun(runId, { signal: AbortSignal.timeout(30_000) });
    ctx.info(`Cancelled run ${runId}.`);
    return true;
  } catch (error) {
    ctx.warn(`Could not cancel run ${runId}: `, errorText(error));
    return false;
  }
}
