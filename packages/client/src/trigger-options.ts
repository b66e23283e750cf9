import { DbtCloudValidationError } from "./errors.js";

/** Overrides for `POST /jobs/{id}/run/`. Only `cause` is required; empty strings are omitted. */
export interface TriggerRunOptions {
  /** Why the run was triggered; cut to 255 characters. */
  cause: string;
  gitSha?: string | undefined;
  gitBranch?: string | undefined;
  githubPullRequestId?: number | undefined;
  gitlabMergeRequestId?: number | undefined;
  azurePullRequestId?: number | undefined;
  nonNativePullRequestId?: number | undefined;
  schemaOverride?: string | undefined;
  dbtVersionOverride?: string | undefined;
  threadsOverride?: number | undefined;
  targetNameOverride?: string | undefined;
  generateDocsOverride?: boolean | undefined;
  timeoutSecondsOverride?: number | undefined;
  /** Full commands, each starting with `dbt ` (e.g. `dbt build -s tag:nightly`). */
  stepsOverride?: readonly string[] | undefined;
}

/** The request body as the API spells it. */
export type TriggerRunBody = {
  cause: string;
  git_sha?: string;
  git_branch?: string;
  github_pull_request_id?: number;
  gitlab_merge_request_id?: number;
  azure_pull_request_id?: number;
  non_native_pull_request_id?: number;
  schema_override?: string;
  dbt_version_override?: string;
  threads_override?: number;
  target_name_override?: string;
  generate_docs_override?: boolean;
  timeout_seconds_override?: number;
  steps_override?: string[];
};

export const MAX_CAUSE_LENGTH = 255;

const STRING_FIELDS = [
  ["gitSha", "git_sha"],
  ["gitBranch", "git_branch"],
  ["schemaOverride", "schema_override"],
  ["dbtVersionOverride", "dbt_version_override"],
  ["targetNameOverride", "target_name_override"],
] as const;

const INT_FIELDS = [
  ["githubPullRequestId", "github_pull_request_id", 1],
  ["gitlabMergeRequestId", "gitlab_merge_request_id", 1],
  ["azurePullRequestId", "azure_pull_request_id", 1],
  ["nonNativePullRequestId", "non_native_pull_request_id", 1],
  ["threadsOverride", "threads_override", 1],
  ["timeoutSecondsOverride", "timeout_seconds_override", 0],
] as const;

/** Validates overrides and maps them to the API body. Throws `DbtCloudValidationError` naming the field. */
export function buildTriggerBody(options: TriggerRunOptions): TriggerRunBody {
  if (typeof options !== "object" || options === null) {
    throw new DbtCloudValidationError("overrides", "expected an object with at least `cause`.");
  }
  const cause = typeof options.cause === "string" ? options.cause.trim() : "";
  if (cause === "") {
    throw new DbtCloudValidationError(
      "cause",
      `${JSON.stringify(options.cause ?? null)} is empty; dbt Cloud requires a cause. Pass a short reason, e.g. "Triggered by CI".`,
    );
  }
  const body: TriggerRunBody = { cause: [...cause].slice(0, MAX_CAUSE_LENGTH).join("") };
  for (const [key, apiKey] of STRING_FIELDS) {
    const value = options[key];
    if (value === undefined || value === null) continue;
    if (typeof value !== "string") {
      throw new DbtCloudValidationError(key, `${JSON.stringify(value)} is not a string.`);
    }
    if (value.trim() !== "") body[apiKey] = value.trim();
  }
  for (const [key, apiKey, min] of INT_FIELDS) {
    const value = options[key];
    if (value === undefined || value === null) continue;
    if (typeof value !== "number" || !Number.isSafeInteger(value) || value < min) {
      throw new DbtCloudValidationError(
        key,
        `${JSON.stringify(value)} is not an integer${min > 0 ? " ≥ 1" : " ≥ 0"}. Pass a whole number.`,
      );
    }
    body[apiKey] = value;
  }
  if (options.generateDocsOverride !== undefined && options.generateDocsOverride !== null) {
    if (typeof options.generateDocsOverride !== "boolean") {
      throw new DbtCloudValidationError(
        "generateDocsOverride",
        `${JSON.stringify(options.generateDocsOverride)} is not a boolean. Pass true or false.`,
      );
    }
    body.generate_docs_override = options.generateDocsOverride;
  }
  if (options.stepsOverride !== undefined && options.stepsOverride !== null) {
    if (!Array.isArray(options.stepsOverride)) {
      throw new DbtCloudValidationError("stepsOverride", "is not a list of commands.");
    }
    const steps = options.stepsOverride
      .map((s) => (typeof s === "string" ? s.trim() : s))
      .filter((s) => s !== "");
    steps.forEach((step, i) => {
      if (typeof step !== "string" || !/^dbt\s+\S/.test(step)) {
        throw new DbtCloudValidationError(
          `stepsOverride[${i}]`,
          `${JSON.stringify(step)} is not a dbt command. Each step must start with "dbt ", e.g. "dbt build --select tag:nightly".`,
        );
      }
    });
    if (steps.length > 0) body.steps_override = steps as string[];
  }
  return body;
}
