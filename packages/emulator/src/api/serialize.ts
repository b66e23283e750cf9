import type { EmulatorState } from "../state/emulator-state.js";
import type { AccountEntity, EnvironmentEntity, JobEntity, ProjectEntity } from "../state/entities.js";
import type { RunRecord, RunStatusCode, RunTimeline, StepTiming } from "../state/run-model.js";
import { RunStatus, STATUS_HUMANIZED } from "../state/run-model.js";
import { renderStepLogs } from "./step-logs.js";

/**
 * JSON shapes of dbt Cloud objects. The official spec declares no field nullable, so fields dbt Cloud
 * would send as null (e.g. `finished_at` of a running run) are left out; clients treat absent as null.
 */

const iso = (ms: number) => new Date(ms).toISOString().replace("Z", "+00:00");

export function humanizeDuration(ms: number): string {
  const total = Math.max(0, Math.round(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const parts: string[] = [];
  if (h) parts.push(`${h} hour${h === 1 ? "" : "s"}`);
  if (m) parts.push(`${m} minute${m === 1 ? "" : "s"}`);
  if (s || parts.length === 0) parts.push(`${s} second${s === 1 ? "" : "s"}`);
  return parts.join(", ");
}

function hms(ms: number): string {
  const total = Math.max(0, Math.round(ms / 1000));
  const h = String(Math.floor(total / 3600)).padStart(2, "0");
  const m = String(Math.floor((total % 3600) / 60)).padStart(2, "0");
  const s = String(total % 60).padStart(2, "0");
  return `${h}:${m}:${s}`;
}

/** Removes keys whose value is null or undefined (see the note at the top of this file). */
export function compact<T extends Record<string, unknown>>(obj: T): T {
  for (const key of Object.keys(obj)) if (obj[key] === null || obj[key] === undefined) delete obj[key];
  return obj;
}

const STATUS_COLOR: Record<RunStatusCode, string> = {
  1: "#5A6474",
  2: "#5A6474",
  3: "#3A8BEF",
  10: "#00A862",
  20: "#D0021B",
  30: "#5A6474",
};

export function accountJson(a: AccountEntity): Record<string, unknown> {
  const at = iso(a.createdAt);
  return {
    id: a.id,
    name: a.name,
    state: 1,
    plan: a.plan,
    pending_cancel: false,
    run_slots: 5,
    developer_seats: 10,
    analyst_seats: 0,
    explorer_seats: 0,
    it_seats: 0,
    read_only_seats: 5,
    queue_limit: 50,
    run_duration_limit_seconds: 86_400,
    pod_memory_request_mebibytes: 600,
    develop_pod_memory_request_mebibytes: 0,
    locked: false,
    // The spec makes these required and non-null; dbt Cloud sends null for an account that was never locked.
    lock_reason: "",
    lock_cause: "other",
    run_locked_until: at,
    copilot_locked_until: at,
    trial_end_date: at,
    agent_credit_locked: false,
    unlocked_at: at,
    created_at: at,
    updated_at: at,
    static_subdomain: `em${a.id}`,
    vanity_subdomain: `emulated-${a.id}`,
    identifier: `act_${a.id}`,
    business_critical: false,
    enterprise_login_slug: `emulated-${a.id}`,
    billing_email_address: "billing@example.com",
    git_auth_level: "team",
    starter_repo_url: "",
    groups: [],
    account_migration_events: [],
  };
}

export const CONNECTION_NAME = "Postgres";

function connectionJson(accountId: number, projectId: number): Record<string, unknown> {
  return {
    id: projectId * 10 + 1,
    account_id: accountId,
    project_id: projectId,
    name: CONNECTION_NAME,
    type: "postgres",
    state: 1,
    dbname: "analytics",
    hostname: "warehouse.internal",
    port: 5432,
    tunnel_enabled: false,
  };
}

function repositoryJson(accountId: number, projectId: number): Record<string, unknown> {
  return {
    id: projectId * 10 + 2,
    account_id: accountId,
    project_id: projectId,
    remote_url: "git@github.com:example/analytics.git",
    remote_backend: "github",
    git_clone_strategy: "github_app",
    state: 1,
  };
}

function jobDefinitionV2(job: JobEntity): Record<string, unknown> {
  return {
    id: job.id,
    account_id: job.accountId,
    project_id: job.projectId,
    environment_id: job.environmentId,
    name: job.name,
    execute_steps: job.executeSteps,
    execution: { timeout_seconds: 0 },
    generate_docs: job.generateDocs,
    run_generate_sources: false,
    settings: { threads: job.threads, target_name: job.targetName },
    state: job.state,
  };
}

export function projectJson(state: EmulatorState, p: ProjectEntity): Record<string, unknown> {
  const jobs = [...state.jobs.values()].filter((j) => j.projectId === p.id && j.state === 1);
  const docsJob = jobs.find((j) => j.generateDocs) ?? jobs[0];
  const freshnessJob = jobs.find((j) => j.jobType === "scheduled") ?? jobs[0];
  return compact({
    id: p.id,
    account_id: p.accountId,
    name: p.name,
    description: p.description,
    connection_id: p.id * 10 + 1,
    repository_id: p.id * 10 + 2,
    connection: connectionJson(p.accountId, p.id),
    repository: repositoryJson(p.accountId, p.id),
    environments: [...state.environments.values()]
      .filter((e) => e.projectId === p.id)
      .map((e) => environmentJson(state, e)),
    docs_job_id: docsJob?.id,
    freshness_job_id: freshnessJob?.id,
    // Required (non-null) in the spec; dbt Cloud sends null when the project has no such job.
    docs_job: docsJob ? jobDefinitionV2(docsJob) : undefined,
    freshness_job: freshnessJob ? jobDefinitionV2(freshnessJob) : undefined,
    group_permissions: [],
    default_version: "latest",
    fusion_readiness: {},
    dbt_project_subdirectory: "",
    type: 0,
    state: 1,
    created_at: iso(p.createdAt),
    updated_at: iso(p.createdAt),
  });
}

export function environmentJson(state: EmulatorState, e: EnvironmentEntity): Record<string, unknown> {
  const project = state.projects.get(e.projectId);
  return compact({
    id: e.id,
    account_id: e.accountId,
    project_id: e.projectId,
    name: e.name,
    type: e.type,
    deployment_type: e.deploymentType,
    dbt_version: e.dbtVersion,
    raw_dbt_version: e.dbtVersion,
    use_custom_branch: false,
    supports_docs: e.type === "deployment",
    is_deferrable: e.type === "deployment",
    enable_model_query_history: false,
    enable_dbt_state: false,
    credentials_id: e.id * 10 + 3,
    connection_id: e.projectId * 10 + 1,
    repository_id: e.projectId * 10 + 2,
    connection: connectionJson(e.accountId, e.projectId),
    repository: repositoryJson(e.accountId, e.projectId),
    credentials: {
      id: e.id * 10 + 3,
      account_id: e.accountId,
      project_id: e.projectId,
      type: "postgres",
      state: 1,
      username: "dbt_cloud",
      default_schema: e.type === "development" ? "dbt_dev" : "dbt_prod",
      target_name: "default",
      threads: 4,
    },
    project: project
      ? { id: project.id, account_id: project.accountId, name: project.name, state: 1, type: 0 }
      : undefined,
    custom_environment_variables: [],
    jobs: [],
    fusion_readiness: {},
    state: 1,
    created_at: iso(e.createdAt),
    updated_at: iso(e.createdAt),
  });
}

export function jobJson(
  state: EmulatorState,
  job: JobEntity,
  baseUrl: string,
  related: Set<string>,
): Record<string, unknown> {
  const account = state.accounts.get(job.accountId)!;
  const project = state.projects.get(job.projectId)!;
  const env = state.environments.get(job.environmentId)!;
  const runs = state.runsOfJob(job.id);
  const json: Record<string, unknown> = compact({
    id: job.id,
    account_id: job.accountId,
    project_id: job.projectId,
    environment_id: job.environmentId,
    name: job.name,
    description: job.description,
    dbt_version: job.dbtVersion,
    raw_dbt_version: job.dbtVersion ?? env.dbtVersion,
    execute_steps: job.executeSteps,
    execution: { timeout_seconds: 0 },
    generate_docs: job.generateDocs,
    run_generate_sources: false,
    generate_sources: false,
    job_type: job.jobType,
    lifecycle_webhooks: false,
    lifecycle_webhooks_url: `${baseUrl}/api/v2/accounts/${job.accountId}/jobs/${job.id}/lifecycle-webhooks/`,
    run_compare_changes: false,
    compare_changes_flags: "--select state:modified",
    run_lint: false,
    errors_on_lint_failure: true,
    cost_optimization_features: [],
    settings: { threads: job.threads, target_name: job.targetName },
    state: job.state,
    triggers_on_draft_pr: false,
    triggers: {
      github_webhook: job.jobType === "ci",
      schedule: job.jobType === "scheduled",
      git_provider_webhook: false,
      on_merge: job.jobType === "merge",
    },
    schedule: {
      cron: "0 6 * * *",
      date: { type: "every_day" },
      time: { type: "at_exact_hours", hours: [6] },
    },
    is_deferrable: job.jobType !== "ci",
    run_failure_count: runs.filter((r) => state.timeline(r).status === RunStatus.Error).length,
    job_completion_trigger_condition: {},
    fusion_readiness: {},
    created_at: iso(job.createdAt),
    updated_at: iso(job.updatedAt),
    // Fields the emulator does not model come back as they were sent (create / update).
    ...job.extra,
    account: { id: account.id, name: account.name, state: 1 },
    project: projectJson(state, project),
    environment: environmentJson(state, env),
  });
  if (related.has("most_recent_run")) {
    const latest = runs.at(-1);
    if (latest) json.most_recent_run = runJson(state, latest, baseUrl, new Set());
  }
  if (related.has("most_recent_completed_run")) {
    const done = [...runs].reverse().find((r) => state.timeline(r).finishedAt !== undefined);
    if (done) json.most_recent_completed_run = runJson(state, done, baseUrl, new Set());
  }
  return json;
}

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
    status_humanized: STATUS_HUMANIZED[timing.status],
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

export function runHref(baseUrl: string, run: RunRecord): string {
  return `${baseUrl}/deploy/${run.accountId}/projects/${run.projectId}/runs/${run.id}/`;
}

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
    finished_at: t.finishedAt === undefined ? undefined : iso(t.finishedAt),
    last_checked_at: terminal ? undefined : iso(now),
    last_heartbeat_at: t.startedAt === undefined || terminal ? undefined : iso(now),
    should_start_at: iso(run.createdAt),
    status_humanized: STATUS_HUMANIZED[t.status],
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
      t.finishedAt === undefined ? undefined : `${humanizeDuration(now - t.finishedAt)} ago`,
    retrying_run_id: run.retryOfRunId,
    can_retry: verdict.canRetry,
    retry_not_supported_reason: verdict.reason,
    href: runHref(baseUrl, run),
    used_repo_cache: false,
  });
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
