/**
 * Every input of the action with the default the runner applies from action.yml. The action applies the
 * same defaults itself when an input is absent from the environment (as when the bundle runs outside a
 * runner), and a test checks this table against action.yml so the two cannot drift.
 */
export const INPUT_DEFAULTS = {
  "api-token": undefined,
  "account-id": undefined,
  "access-url": "https://cloud.getdbt.com",
  "job-id": undefined,
  "job-name": undefined,
  "project-id": undefined,
  "environment-id": undefined,
  cause: undefined,
  "git-sha": undefined,
  "git-branch": undefined,
  "pull-request-id": undefined,
  ci: "false",
  "schema-override": undefined,
  "dbt-version-override": undefined,
  "threads-override": undefined,
  "target-name-override": undefined,
  "generate-docs-override": undefined,
  "timeout-seconds-override": undefined,
  "steps-override": undefined,
  wait: "true",
  "poll-interval": "10",
  timeout: "0",
  "cancel-on-timeout": "true",
  "cancel-on-abort": "true",
  "fail-on-error": "true",
  "if-running": "queue",
  "retry-failed": "false",
  artifacts: "run_results.json\nmanifest.json",
  "artifacts-dir": "dbt-cloud-artifacts",
  "artifacts-step": "auto",
  "job-summary": "true",
  annotations: "true",
  "pr-comment": "false",
  // biome-ignore lint/suspicious/noTemplateCurlyInString: the literal action.yml default
  "github-token": "${{ github.token }}",
  "request-timeout": "30",
} as const satisfies Record<string, string | undefined>;

export type InputName = keyof typeof INPUT_DEFAULTS;

export const INPUT_NAMES = Object.keys(INPUT_DEFAULTS) as InputName[];

/** Inputs that fall back to an environment variable when empty (DESIGN.md). */
export const ENV_FALLBACKS: Partial<Record<InputName, string>> = {
  "api-token": "DBT_CLOUD_API_TOKEN",
  "account-id": "DBT_CLOUD_ACCOUNT_ID",
  "access-url": "DBT_CLOUD_ACCESS_URL",
  "job-id": "DBT_CLOUD_JOB_ID",
};
