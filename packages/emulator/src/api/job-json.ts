import { RunStatus } from "@dbt-cloud-kit/client";
import type { EmulatorState } from "../state/emulator-state.js";
import type { JobEntity } from "../state/entities.js";
import { compact, iso } from "./json-format.js";
import { runJson } from "./run-json.js";
import { environmentJson, projectJson } from "./workspace-json.js";

/** A job as the API returns it, with the related objects asked for. */
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
