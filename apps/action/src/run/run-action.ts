import * as core from "@actions/core";
import {
  type ActionStatus,
  actionStatusOf,
  formatDuration,
  type SummaryFacts,
  tailLines,
} from "@dbt-cloud-kit/app-kit";
import type { DbtRunSummary } from "@dbt-cloud-kit/assets";
import type { DbtCloudClient, DbtCloudJob, DbtCloudRun } from "@dbt-cloud-kit/client";
import { RunStatus } from "@dbt-cloud-kit/client";
import type { ActionConfig } from "../config/action-config.js";
import { annotate, print, startGroup } from "../github/action-log.js";
import { resolveTrigger } from "../github/ci-mode.js";
import { type GithubContext, workflowRunUrl } from "../github/github-context.js";
import { STATE } from "../state.js";
import { publishReport } from "../summary/publish-report.js";
import { setResultsOutput, writeFailedNodes } from "./bounded-outputs.js";
import { type ArtifactDownloads, artifactsUnavailable, downloadArtifacts } from "./download-artifacts.js";
import { explainOutcome, failedStep, isStaleCiCancellation } from "./failure-report.js";
import { writeRunIdentity, writeRunState } from "./outputs.js";
import { readFinishedRun } from "./read-finished-run.js";
import { resolveJob } from "./resolve-job.js";
import { type RunResultsReport, readRunResults } from "./results.js";
import { type StartedRun, startRun } from "./start-run.js";
import { waitForTerminal } from "./wait-for-run.js";
import { workflowCancelledMessage } from "./workflow-cancelled.js";

export interface ActionResult {
  status: ActionStatus;
  /** Set when the step must fail (one setFailed at the top). */
  failure?: string;
  /** dbt results whose failed and warned nodes get annotations, after the run-level error. */
  annotate?: DbtRunSummary;
}

const STEP_LOG_LINES = 400;

/** The whole action after inputs are validated: resolve, start, wait, report. */
export async function runAction(
  config: ActionConfig,
  context: GithubContext,
  client: DbtCloudClient,
  signal: AbortSignal,
): Promise<ActionResult> {
  const job = await core.group("Resolve the dbt Cloud job", async () => {
    const found = await resolveJob(client, config.job, signal);
    print.line(
      `Job ${found.id}`,
      `${found.name ? ` "${found.name}"` : ""}${found.job_type ? ` (${found.job_type})` : ""}`,
    );
    return found;
  });
  const trigger = resolveTrigger(config, context, job.id);
  for (const w of trigger.warnings) annotate("warning", w);

  const started = await core.group("Start the run", async () => {
    for (const n of trigger.notices) print.text(n);
    const s = await startRun(client, config, job.id, trigger, print.text, signal);
    writeRunIdentity(s.run, job.id);
    core.saveState(STATE.runId, String(s.run.id));
    return s;
  });

  const facts = baseFacts(context, job, started, trigger.cause, trigger.overrides);
  facts.warnings.push(...trigger.warnings);
  if (!config.wait) {
    const status = actionStatusOf(started.run.status);
    fillRunFacts(facts, started.run, status);
    core.saveState(STATE.phase, "not-waiting");
    print.line(`wait: false — run ${started.run.id} is ${status}; not waiting for it.`);
    await publishReport(config, context, facts, undefined);
    return { status };
  }

  core.saveState(STATE.phase, "waiting");
  let lastSeen = started.run;
  const outcome = await core
    .group(`Wait for run ${started.run.id}`, () =>
      waitForTerminal(client, started.run.id, {
        pollIntervalMs: config.pollIntervalMs,
        timeoutMs: config.timeoutMs,
        signal,
        log: print.text,
        onRun: (current) => {
          lastSeen = current;
        },
      }),
    )
    .catch(async (error: unknown) => {
      // Outputs and summary still say what is known about the run; the error ends the step (main.ts).
      const status = actionStatusOf(lastSeen.status);
      fillRunFacts(facts, lastSeen, status);
      facts.explanation = `Waiting for run ${lastSeen.id} failed (${(error as Error).message}); it was last seen ${status} and may still be going in dbt Cloud.`;
      await publishReport(config, context, facts, undefined);
      throw error;
    });

  if (outcome.kind !== "finished") {
    const last = outcome.run ?? started.run;
    const cancel = outcome.kind === "timeout" ? config.cancelOnTimeout : config.cancelOnAbort;
    let cancelled = false;
    if (cancel) cancelled = await cancelQuietly(client, last.id);
    // Left in flight on purpose (cancel-on-*: false): the post step must not cancel it either. A failed
    // cancel stays "waiting" so the post step tries once more.
    core.saveState(STATE.phase, cancelled ? "done" : cancel ? "waiting" : "not-waiting");
    const status: ActionStatus = outcome.kind === "timeout" ? "timeout" : "cancelled";
    const what =
      outcome.kind === "timeout"
        ? `Run ${last.id} did not finish within ${formatDuration(config.timeoutMs / 1000)} (timeout)`
        : `Stopped waiting for run ${last.id} (${outcome.reason})`;
    const after = cancelled
      ? "; the run was cancelled."
      : cancel
        ? "; cancelling it failed, it may still be running."
        : `; it is still ${actionStatusOf(last.status)} in dbt Cloud (cancel-on-${outcome.kind === "timeout" ? "timeout" : "abort"}: false).`;
    // status, status-code and status-message agree: a cancelled workflow reads cancelled / 30 / why.
    const shown =
      outcome.kind === "aborted"
        ? {
            ...last,
            status: RunStatus.Cancelled,
            status_message: workflowCancelledMessage(outcome.reason, after),
          }
        : last;
    fillRunFacts(facts, shown, status);
    facts.explanation = `${what}${after}`;
    await publishReport(config, context, facts, undefined);
    return { status, failure: `${what}${after}${last.href ? ` ${last.href}` : ""}` };
  }
  core.saveState(STATE.phase, "done");

  const finished = await readFinishedRun(client, outcome.run, Math.min(5000, config.pollIntervalMs), signal);
  // The job's type tells dbt Cloud's stale CI cancellation from any other (failure-report.ts).
  const run = finished.job ? finished : { ...finished, job };
  const status = actionStatusOf(run.status);
  fillRunFacts(facts, run, status);
  print.line(
    `Run ${run.id} finished: ${status}`,
    run.status_message ? ` — ${run.status_message}` : undefined,
  );
  if (status !== "success") printFailedStepLogs(run, facts);

  let results: RunResultsReport | undefined;
  if (config.artifacts.length > 0) {
    const downloads = await core.group("Download artifacts", () =>
      downloadArtifacts(
        client,
        run,
        config.artifacts,
        config.artifactsDir,
        config.artifactsStep,
        signal,
      ).catch((error: unknown) => {
        if (signal.aborted) throw error;
        return artifactsUnavailable(run, config.artifacts, config.artifactsDir, error);
      }),
    );
    results = await applyArtifacts(downloads, facts);
  }
  const missingRequired = config.requiredArtifacts.filter((p) => facts.artifacts?.missing.includes(p));
  if (status === "success" && missingRequired.length > 0) {
    facts.explanation = `The run succeeded but did not produce ${missingRequired.join(", ")}, which the artifacts input asks for.`;
  }
  await publishReport(config, context, facts, results);
  const annotations = config.annotations && results ? { annotate: results.summary } : {};

  if (status === "success" && missingRequired.length > 0 && config.failOnError) {
    return {
      status,
      ...annotations,
      failure: facts.artifacts?.error
        ? `dbt Cloud run ${run.id} succeeded, but the required artifact(s) ${missingRequired.join(", ")} could not be downloaded: ${facts.artifacts.error}. Check that api-token may read the run's artifacts, or remove them from artifacts.`
        : `dbt Cloud run ${run.id} succeeded, but the required artifact(s) ${missingRequired.join(", ")} were not produced${
            facts.artifacts?.step !== undefined ? ` (looked in step ${facts.artifacts.step})` : ""
          }. Remove them from artifacts, or set artifacts-step to the step that writes them.`,
    };
  }
  if (status === "success" || !config.failOnError) return { status, ...annotations };
  if (isStaleCiCancellation(run)) {
    // Not a user error: the newer commit's run carries the result.
    annotate("notice", facts.explanation ?? `dbt Cloud cancelled stale CI run ${run.id}.`);
    return { status, ...annotations };
  }
  const reason = facts.explanation ?? run.status_message ?? "";
  const step = facts.failedStep ? ` at step ${facts.failedStep.index} (${facts.failedStep.name})` : "";
  return {
    status,
    failure: `dbt Cloud run ${run.id} ${status === "cancelled" ? "was cancelled" : "failed"}${step}${reason ? `: ${reason}` : ""}${run.href ? ` — ${run.href}` : ""}`,
    ...annotations,
  };
}

function baseFacts(
  context: GithubContext,
  job: DbtCloudJob,
  started: StartedRun,
  cause: string,
  overrides: { pullRequestId?: number; schemaOverride?: string },
): SummaryFacts {
  const facts: SummaryFacts = {
    status: actionStatusOf(started.run.status),
    jobId: job.id,
    how: started.how,
    cause,
    notes: [...started.notes],
    warnings: [],
  };
  if (job.name) facts.jobName = job.name;
  if (overrides.pullRequestId !== undefined && started.how === "triggered")
    facts.pullRequest = overrides.pullRequestId;
  if (overrides.schemaOverride !== undefined && started.how === "triggered")
    facts.schemaOverride = overrides.schemaOverride;
  const url = workflowRunUrl(context);
  if (url) facts.workflowRunUrl = url;
  return facts;
}

function fillRunFacts(facts: SummaryFacts, run: DbtCloudRun, status: ActionStatus): void {
  const times = writeRunState(run, status);
  facts.status = status;
  facts.statusCode = run.status;
  facts.runId = run.id;
  if (run.href) facts.runUrl = run.href;
  if (run.git_sha) facts.gitSha = run.git_sha;
  if (run.git_branch) facts.gitBranch = run.git_branch;
  if (run.created_at) facts.createdAt = run.created_at;
  if (run.finished_at) facts.finishedAt = run.finished_at;
  if (run.status_message) facts.statusMessage = run.status_message;
  if (times.durationSeconds !== undefined) facts.durationSeconds = times.durationSeconds;
  if (times.queuedSeconds !== undefined) facts.queuedSeconds = times.queuedSeconds;
  if (times.runSeconds !== undefined) facts.runSeconds = times.runSeconds;
  const explanation = explainOutcome(run);
  if (explanation) facts.explanation = explanation;
}

/** Steps (with logs) and trigger, read once after the run ended; the polled run is the fallback. */
function printFailedStepLogs(run: DbtCloudRun, facts: SummaryFacts): void {
  const step = failedStep(run);
  if (!step) return;
  const name = step.name ?? `step ${step.index}`;
  facts.failedStep = { index: step.index, name };
  startGroup(`Logs of failed step ${step.index}: ${name}`);
  // The logs are the run's own text: inside a stop-commands block, where the runner executes nothing.
  if (step.logs) print.block(tailLines(step.logs, STEP_LOG_LINES));
  else print.line("(dbt Cloud returned no logs for this step)");
  core.endGroup();
}

async function applyArtifacts(
  downloads: ArtifactDownloads,
  facts: SummaryFacts,
): Promise<RunResultsReport | undefined> {
  for (const w of downloads.warnings) annotate("warning", w);
  facts.warnings.push(...downloads.warnings);
  core.setOutput("artifacts-dir", downloads.dir);
  const runResults = downloads.files.get("run_results.json");
  const manifest = downloads.files.get("manifest.json");
  if (runResults) core.setOutput("run-results-path", runResults);
  if (manifest) core.setOutput("manifest-path", manifest);
  const artifacts: NonNullable<SummaryFacts["artifacts"]> = {
    dir: downloads.dir,
    files: [...downloads.files.keys()],
    missing: downloads.missing,
  };
  if (downloads.step !== undefined) artifacts.step = downloads.step;
  if (downloads.error !== undefined) artifacts.error = downloads.error;
  facts.artifacts = artifacts;
  if (!runResults) return undefined;
  try {
    const report = await readRunResults(runResults, manifest, (m) => annotate("warning", m));
    const counts = Object.entries(report.summary.byStatus)
      .map(([status, n]) => `${n} ${status}`)
      .join(", ");
    print.line(`dbt results: ${report.summary.total} nodes — `, counts);
    setResultsOutput(report.results, print.line);
    await writeFailedNodes(report.failedNodes, downloads.dir, print.line);
    return report;
  } catch (error) {
    const warning = `run_results.json could not be read: ${(error as Error).message}`;
    annotate("warning", warning);
    facts.warnings.push(warning);
    return undefined;
  }
}

async function cancelQuietly(client: DbtCloudClient, runId: number): Promise<boolean> {
  try {
    // A fresh signal: the step's own signal may already be aborted.
    await client.cancelRun(runId, { signal: AbortSignal.timeout(30_000) });
    print.line(`Cancelled run ${runId}.`);
    return true;
  } catch (error) {
    annotate("warning", `Could not cancel run ${runId}: ${(error as Error).message}`);
    return false;
  }
}
