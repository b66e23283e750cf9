/** Fields for `createJob`; the API's required fields get sensible defaults for an API-driven job. */
export interface CreateJobInput {
  project_id: number;
  environment_id: number;
  name: string;
  description?: string;
  execute_steps?: string[];
  job_type?: "ci" | "scheduled" | "other" | "merge";
  dbt_version?: string;
  generate_docs?: boolean;
  run_generate_sources?: boolean;
  settings?: { threads?: number; target_name?: string };
  execution?: { timeout_seconds?: number };
  triggers?: {
    github_webhook?: boolean;
    schedule?: boolean;
    git_provider_webhook?: boolean;
    on_merge?: boolean;
  };
  [field: string]: unknown;
}

/** Read-only fields dropped before a job object is sent back on update. */
const READ_ONLY_JOB_FIELDS = [
  "id",
  "is_deferrable",
  "raw_dbt_version",
  "run_failure_count",
  "lifecycle_webhooks_url",
  "account",
  "project",
  "environment",
  "created_at",
  "updated_at",
  "most_recent_run",
  "most_recent_completed_run",
  "next_run",
  "next_run_humanized",
  "fusion_readiness",
  "cron_humanized",
  "is_system",
  "deactivated",
  "job_completion_trigger_condition",
];

/** The API rejects `null` for typed fields and `""` for strings (minLength 1): leave them out. */
function dropEmpty(body: Record<string, unknown>): Record<string, unknown> {
  for (const [key, value] of Object.entries(body)) if (value === null || value === "") delete body[key];
  return body;
}

export function createJobBody(accountId: number, input: CreateJobInput): Record<string, unknown> {
  return dropEmpty({
    account_id: accountId,
    execute_steps: [],
    job_type: "other",
    generate_docs: false,
    run_generate_sources: false,
    lifecycle_webhooks: false,
    run_compare_changes: false,
    run_lint: false,
    errors_on_lint_failure: true,
    state: 1,
    ...input,
    settings: { threads: 4, target_name: "default", ...input.settings },
    execution: { timeout_seconds: 0, ...input.execution },
    triggers: { github_webhook: false, schedule: false, git_provider_webhook: false, ...input.triggers },
  });
}

export function updateJobBody(
  current: Record<string, unknown>,
  changes: Record<string, unknown>,
): Record<string, unknown> {
  const body: Record<string, unknown> = { ...current, ...changes };
  for (const field of READ_ONLY_JOB_FIELDS) delete body[field];
  return dropEmpty(body);
}
