import {
  ARTIFACT_OPTIONS as A,
  JOB_OPTIONS as J,
  REQUEST_TIMEOUT_OPTION,
  START_OPTIONS as S,
  TRIGGER_OVERRIDE_OPTIONS as T,
  WAIT_OPTIONS as W,
} from "@dbt-cloud-kit/app-kit";
import { CREDENTIAL_ENV_VARS } from "@dbt-cloud-kit/credentials";

/**
 * Every input of the action with the default the runner applies from action.yml. The action applies the
 * same defaults itself when an input is absent from the environment (as when the bundle runs outside a
 * runner), and a test checks this table against action.yml so the two cannot drift. Inputs the CLI shares
 * take their default from the one definition in @dbt-cloud-kit/app-kit.
 */
export const INPUT_DEFAULTS = {
  "api-token": undefined,
  "account-id": undefined,
  "access-url": "https://cloud.getdbt.com",
  "job-id": J.jobId.defaultValue,
  "job-name": J.jobName.defaultValue,
  "project-id": J.projectId.defaultValue,
  "environment-id": J.environmentId.defaultValue,
  cause: T.cause.defaultValue,
  "git-sha": T.gitSha.defaultValue,
  "git-branch": T.gitBranch.defaultValue,
  "pull-request-id": T.pullRequestId.defaultValue,
  ci: "false",
  "schema-override": T.schemaOverride.defaultValue,
  "dbt-version-override": T.dbtVersionOverride.defaultValue,
  "threads-override": T.threadsOverride.defaultValue,
  "target-name-override": T.targetNameOverride.defaultValue,
  "generate-docs-override": T.generateDocsOverride.defaultValue,
  "timeout-seconds-override": T.timeoutSecondsOverride.defaultValue,
  "steps-override": T.stepsOverride.defaultValue,
  wait: W.wait.defaultValue,
  "poll-interval": W.pollInterval.defaultValue,
  timeout: W.timeout.defaultValue,
  "cancel-on-timeout": W.cancelOnTimeout.defaultValue,
  "cancel-on-abort": W.cancelOnAbort.defaultValue,
  "fail-on-error": W.failOnError.defaultValue,
  "if-running": S.ifRunning.defaultValue,
  "retry-failed": S.retryFailed.defaultValue,
  artifacts: A.artifacts.defaultValue,
  "artifacts-dir": A.artifactsDir.defaultValue,
  "artifacts-step": A.artifactsStep.defaultValue,
  "job-summary": "true",
  annotations: "true",
  "pr-comment": "false",
  // biome-ignore lint/suspicious/noTemplateCurlyInString: the literal action.yml default
  "github-token": "${{ github.token }}",
  "request-timeout": REQUEST_TIMEOUT_OPTION.defaultValue,
} as const satisfies Record<string, string | undefined>;

export type InputName = keyof typeof INPUT_DEFAULTS;

export const INPUT_NAMES = Object.keys(INPUT_DEFAULTS) as InputName[];

/** Inputs that fall back to an environment variable when empty (DESIGN.md). */
export const ENV_FALLBACKS: Partial<Record<InputName, string>> = {
  "api-token": CREDENTIAL_ENV_VARS.token,
  "account-id": CREDENTIAL_ENV_VARS.accountId,
  "access-url": CREDENTIAL_ENV_VARS.accessUrl,
  "job-id": "DBT_CLOUD_JOB_ID",
};
