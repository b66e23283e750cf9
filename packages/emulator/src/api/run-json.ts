import { RunStatus, runStatusName } from "@dbt-cloud-kit/client";
import type { EmulatorState } from "../state/emulator-state.js";
import type { RunRecord, RunTimeline, StepTiming } from "../state/run-model.js";
import { jobJson } from "./job-json.js";
import { compact, hms, humanizeDuration, iso } from "./json-format.js";
import { renderStepLogs } from "./step-logs.js";
import { environmentJson } from "./workspace-json.js";

const STATUS_COLOR: Record<RunStatus, string> = {
  1: "#5A6474",
  2: "#5A6474",
  3: "#3A8BEF",
  10: "#00A862",
  20: "#D0021B",
  30: "#5A6474",
};

/** A run step as the API returns it (`run_steps[]`, `GET /steps/{id}/`), logs included once the step has run. */
export function stepJson(
  state: EmulatorState,
  run: RunRecord,
  timing: StepTiming,
  now: number,
  full: boolean,
): Record<string, unknown> {
  const { step } = timing;
  const logs = renderStepLogs(state, run, timing, now);
  const end = timing.finishedAt ?? now;
  const base: Record<string, unknown> = {
    id: step.id,
    run_id: run.id,
    account_id: run.accountId,
    index: step.index,
    status: timing.status,
    name: step.name,
    logs: logs.text,
    debug_logs: logs.debug,
    log_path: `/logs/${run.id}/${step.index}/log.txt`,
    debug_log_path: `/logs/${run.id}/${step.index}/debug.txt`,
    truncated_debug_logs: logs.debug.split("\n").slice(-1000).join("\n"),
    status_humanized: runStatusName(timing.status),
    status_color: STATUS_COLOR[timing.status],
    started_at: iso(timing.startedAt),
    finished_at: timing.finishedAt === undefined ? undefined : iso(timing.finishedAt),
    duration: hms(end - timing.startedAt),
    duration_humanized: humanizeDuration(end - timing.startedAt),
    created_at: iso(timing.startedAt),
    updated_at: iso(timing.finishedAt ?? now),
    log_archive_type: "db",
    log_location: "db",
  };
  if (full) {
    const command = /^Invoke dbt with `(.*)`$/.exec(step.name)?.[1];
    base.run_step_command = { run_step_id: step.id, dbt_command: command ?? "" };
    base.run_step_invocation = { run_step_id: step.id, run_id: run.id };
  }
  return compact(base);
}

/** dbt Cloud's run-level artifact flags: saved at all, docs generated, source freshness generated. */
export function artifactFlags(
  run: RunRecord,
  t: RunTimeline,
): { saved: boolean; docs: boolean; sources: boolean } {
  const saved =
    t.finishedAt !== undefined &&
    run.artifactsEnabled &&
    t.status !== RunStatus.Cancelled &&
    t.steps.some((s) => s.step.kind === "dbt");
  const ok = (pick: (s: StepTiming) => boolean | undefined) =>
    saved && t.steps.some((s) => s.status === RunStatus.Success && pick(s) === true);
  return {
    saved,
    docs: ok((s) => s.step.execution?.writesCatalog),
    sources: ok((s) => s.step.execution?.writesSources),
  };
}

/**
 * The `finished_at` the API shows: the end of a terminal run, except a cancelled run of a job with
 * `cancelledWithoutFinishedAt`, which shows none (dbt Cloud can leave it null on cancelled runs).
 */
export function shownFinishedAt(run: RunRecord, t: RunTimeline): number | undefined {
  if (run.cancelledWithoutFinishedAt && t.status === RunStatus.Cancelled) return undefined;
  return t.finishedAt;
}

function runHref(baseUrl: string, run: RunRecord): string {
  return `${baseUrl}/deploy/${run.accountId}/projects/${run.projectId}/runs/${run.id}/`;
}

/** A run as the API returns it at the current emulated time, with the related objects asked for. */
export function runJson(
  state: EmulatorState,
  run: RunRecord,
  baseUrl: string,
  related: Set<string>,
): Record<string, unknown> {
  const now = state.clock.now();
  const t = state.timeline(run, now);
  const verdict = state.retryVerdict(run, now);
  const updatedAt = Math.max(
    run.createdAt,
    ...[t.dequeuedAt, t.startedAt, t.finishedAt].filter((x): x is number => x !== undefined),
  );
  const terminal = t.finishedAt !== undefined;
  const end = t.finishedAt ?? now;
  const queuedEnd = t.dequeuedAt ?? end;
  const flags = artifactFlags(run, t);
  const hasArtifacts = flags.saved;
  const json: Record<string, unknown> = compact({
    id: run.id,
    trigger_id: run.triggerId,
    account_id: run.accountId,
    environment_id: run.environmentId,
    project_id: run.projectId,
    job_definition_id: run.jobId,
    job_id: run.jobId,
    status: t.status,
    dbt_version: run.dbtVersion,
    git_branch: run.gitBranch,
    git_sha: run.gitSha,
    status_message: t.statusMessage,
    owner_thread_id: undefined,
    executed_by_thread_id: t.dequeuedAt === undefined ? undefined : `dbt-run-${run.id}-worker`,
    artifacts_saved: hasArtifacts,
    artifact_s3_path: hasArtifacts ? `emulator/runs/${run.id}/artifacts/target` : undefined,
    has_docs_generated: flags.docs,
    has_sources_generated: flags.sources,
    notifications_sent: terminal,
    blocked_by: t.blockedBy,
    created_at: iso(run.createdAt),
    updated_at: iso(updatedAt),
    dequeued_at: t.dequeuedAt === undefined ? undefined : iso(t.dequeuedAt),
    started_at: t.startedAt === undefined ? undefined : iso(t.startedAt),
    finished_at: shownFinishedAt(run, t) === undefined ? undefined : iso(t.finishedAt as number),
    last_checked_at: terminal ? undefined : iso(now),
    last_heartbeat_at: t.startedAt === undefined || terminal ? undefined : iso(now),
    should_start_at: iso(run.createdAt),
    status_humanized: runStatusName(t.status),
    in_progress: !terminal,
    is_complete: terminal,
    is_success: t.status === RunStatus.Success,
    is_error: t.status === RunStatus.Error,
    is_cancelled: t.status === RunStatus.Cancelled,
    is_running: t.status === RunStatus.Running,
    duration: hms(end - run.createdAt),
    queued_duration: hms(queuedEnd - run.createdAt),
    run_duration: hms(t.startedAt === undefined ? 0 : end - t.startedAt),
    duration_humanized: humanizeDuration(end - run.createdAt),
    queued_duration_humanized: humanizeDuration(queuedEnd - run.createdAt),
    run_duration_humanized: humanizeDuration(t.startedAt === undefined ? 0 : end - t.startedAt),
    created_at_humanized: `${humanizeDuration(now - run.createdAt)} ago`,
    finished_at_humanized:
      shownFinishedAt(run, t) === undefined
        ? undefined
        : `${humanizeDuration(now - (t.finishedAt as number))} ago`,
    retrying_run_id: run.retryOfRunId,
    can_retry: verdict.canRetry,
    retry_not_supported_reason: verdict.reason,
    href: runHref(baseUrl, run),
    used_repo_cache: false,
  });
  if (terminal && shownFinishedAt(run, t) === undefined) json.finished_at = null;
  if (related.has("trigger")) {
    json.trigger = compact({
      id: run.triggerId,
      ...run.trigger.overrides,
      cause: run.trigger.cause,
      job_definition_id: run.jobId,
      cause_category: run.trigger.causeCategory,
      account_id: run.accountId,
      project_id: run.projectId,
      environment_id: run.environmentId,
      created_at: iso(run.createdAt),
      updated_at: iso(run.createdAt),
    });
  }
  if (related.has("job")) {
    const job = state.jobs.get(run.jobId);
    if (job) {
      const { account: _a, project: _p, environment: _e, ...rest } = jobJson(state, job, baseUrl, new Set());
      // Runs embed InternalJobDefinition, whose schedule spells date and time as plain strings.
      json.job = { ...rest, schedule: { cron: "0 6 * * *", date: "every_day", time: "at_exact_hours" } };
    }
  }
  if (related.has("environment")) {
    const env = state.environments.get(run.environmentId);
    if (env) json.environment = environmentJson(state, env);
  }
  if (related.has("run_steps")) {
    json.run_steps = t.steps.map((s) => stepJson(state, run, s, now, false));
  }
  if (related.has("run_retries")) json.run_retries = [];
  if (related.has("audit")) {
    json.audit = compact({
      trigger: { actor: { id: "1", type: "service_token", name: "Emulator service token" } },
      cancellation:
        run.cancelledAt !== undefined && t.status === RunStatus.Cancelled
          ? { actor: { id: "1", type: "service_token", name: "Emulator service token" } }
          : undefined,
    });
  }
  return json;
}
