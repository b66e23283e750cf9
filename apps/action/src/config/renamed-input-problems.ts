import type { InputProblem } from "./input-error.js";
import { inputEnvName } from "./read-raw-inputs.js";

/**
 * Inputs of dbt Labs' dbt-cloud-job-action (and this action's obvious misspellings) mapped to ours, so a
 * migrated workflow fails with the replacement named instead of silently ignoring a setting.
 */
const RENAMED: Record<string, string> = {
  dbt_cloud_token: "api-token",
  dbt_cloud_account_id: "account-id",
  dbt_cloud_url: "access-url",
  dbt_cloud_job_id: "job-id",
  failure_on_error: "fail-on-error",
  interval: "poll-interval",
  get_artifacts: "artifacts",
  git_sha: "git-sha",
  git_branch: "git-branch",
  schema_override: "schema-override",
  dbt_version_override: "dbt-version-override",
  threads_override: "threads-override",
  target_name_override: "target-name-override",
  generate_docs_override: "generate-docs-override",
  timeout_seconds_override: "timeout-seconds-override",
  steps_override: "steps-override",
  job_id: "job-id",
  account_id: "account-id",
  api_token: "api-token",
};

export function renamedInputProblems(env: NodeJS.ProcessEnv): InputProblem[] {
  return Object.entries(RENAMED)
    .filter(([old]) => env[inputEnvName(old)] !== undefined)
    .map(([old, replacement]) => ({
      input: old,
      problem: "is not an input of this action (it is dbt-cloud-job-action's name or a misspelling)",
      fix: `rename it to ${replacement}`,
    }));
}
