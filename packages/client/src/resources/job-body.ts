import { DbtCloudValidationError } from "../errors.js";

/** `settings` of a job. */
export interface JobSettingsInput {
  threads?: number | undefined;
  targetName?: string | undefined;
}

/** What starts a job besides the API. */
export interface JobTriggersInput {
  githubWebhook?: boolean | undefined;
  schedule?: boolean | undefined;
  gitProviderWebhook?: boolean | undefined;
  onMerge?: boolean | undefined;
}

/**
 * Fields for `createJob` (camelCase; sent in the API's snake_case). The API's required fields get
 * defaults for an API-driven job: no steps, type `other`, no docs, 4 threads, target `default`, no
 * timeout, no triggers.
 */
export interface CreateJobInput {
  projectId: number;
  environmentId: number;
  name: string;
  description?: string | undefined;
  executeSteps?: readonly string[] | undefined;
  jobType?: "ci" | "scheduled" | "other" | "merge" | undefined;
  dbtVersion?: string | undefined;
  generateDocs?: boolean | undefined;
  runGenerateSources?: boolean | undefined;
  settings?: JobSettingsInput | undefined;
  execution?: { timeoutSeconds?: number | undefined } | undefined;
  triggers?: JobTriggersInput | undefined;
  /** Fields of the API's job definition not modelled here, sent as given (snake_case), e.g. `schedule`. */
  apiFields?: Readonly<Record<string, unknown>> | undefined;
}

/** Fields for `updateJob`: any of `CreateJobInput`'s, merged into the current job. */
export type UpdateJobInput = Partial<CreateJobInput>;

type FieldMap = ReadonlyMap<string, string | readonly [string, FieldMap]>;

const SETTINGS: FieldMap = new Map([
  ["threads", "threads"],
  ["targetName", "target_name"],
]);
const EXECUTION: FieldMap = new Map([["timeoutSeconds", "timeout_seconds"]]);
const TRIGGERS: FieldMap = new Map([
  ["githubWebhook", "github_webhook"],
  ["schedule", "schedule"],
  ["gitProviderWebhook", "git_provider_webhook"],
  ["onMerge", "on_merge"],
]);
const JOB: FieldMap = new Map<string, string | readonly [string, FieldMap]>([
  ["projectId", "project_id"],
  ["environmentId", "environment_id"],
  ["name", "name"],
  ["description", "description"],
  ["executeSteps", "execute_steps"],
  ["jobType", "job_type"],
  ["dbtVersion", "dbt_version"],
  ["generateDocs", "generate_docs"],
  ["runGenerateSources", "run_generate_sources"],
  ["settings", ["settings", SETTINGS]],
  ["execution", ["execution", EXECUTION]],
  ["triggers", ["triggers", TRIGGERS]],
]);

const camel = (key: string) => key.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase());

/** camelCase input → the API's snake_case fields; an unknown field is a validation error naming it. */
function toApi(input: object, fields: FieldMap, path: string): Record<string, unknown> {
  const out: Record<string, unknown> = Object.create(null);
  for (const [key, value] of Object.entries(input)) {
    if (path === "" && key === "apiFields") continue;
    const target = fields.get(key);
    if (target === undefined) {
      const suggestion = fields.has(camel(key))
        ? `use ${camel(key)} (inputs are camelCase)`
        : "not a job field; pass fields this type does not model in apiFields";
      throw new DbtCloudValidationError(`${path}${key}`, `${suggestion}.`);
    }
    if (value === undefined) continue;
    if (typeof target === "string") {
      out[target] = value;
      continue;
    }
    const [apiKey, nested] = target;
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
      throw new DbtCloudValidationError(`${path}${key}`, `${JSON.stringify(value)} is not an object.`);
    }
    out[apiKey] = toApi(value, nested, `${path}${key}.`);
  }
  return out;
}

function apiFieldsOf(input: UpdateJobInput): Record<string, unknown> {
  const extra = input.apiFields;
  if (extra === undefined) return {};
  if (typeof extra !== "object" || extra === null || Array.isArray(extra)) {
    throw new DbtCloudValidationError("apiFields", "is not an object of API job fields.");
  }
  return { ...extra };
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

const NESTED = ["settings", "execution", "triggers"] as const;

/** The API rejects `null` for typed fields and `""` for strings (minLength 1): leave them out. */
function dropEmpty(body: Record<string, unknown>): Record<string, unknown> {
  for (const [key, value] of Object.entries(body)) if (value === null || value === "") delete body[key];
  return body;
}

const objectOr = (value: unknown): Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};

/** The `POST /jobs/` body: defaults, then `apiFields`, then the mapped input. */
export function createJobBody(accountId: number, input: CreateJobInput): Record<string, unknown> {
  const extra = apiFieldsOf(input);
  const mapped = toApi(input, JOB, "");
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
    ...extra,
    ...mapped,
    settings: {
      threads: 4,
      target_name: "default",
      ...objectOr(extra.settings),
      ...objectOr(mapped.settings),
    },
    execution: { timeout_seconds: 0, ...objectOr(extra.execution), ...objectOr(mapped.execution) },
    triggers: {
      github_webhook: false,
      schedule: false,
      git_provider_webhook: false,
      ...objectOr(extra.triggers),
      ...objectOr(mapped.triggers),
    },
  });
}

/**
 * The `POST /jobs/{id}/` body: `current` (the job as read, or `{}`) with `changes` merged in
 * (`settings`, `execution` and `triggers` one level deep) and read-only fields dropped.
 */
export function updateJobBody(
  current: Record<string, unknown>,
  changes: UpdateJobInput,
): Record<string, unknown> {
  const extra = apiFieldsOf(changes);
  const mapped = toApi(changes, JOB, "");
  const body: Record<string, unknown> = { ...current, ...extra, ...mapped };
  for (const key of NESTED) {
    if (key in extra || key in mapped) {
      body[key] = { ...objectOr(current[key]), ...objectOr(extra[key]), ...objectOr(mapped[key]) };
    }
  }
  for (const field of READ_ONLY_JOB_FIELDS) delete body[field];
  return dropEmpty(body);
}
