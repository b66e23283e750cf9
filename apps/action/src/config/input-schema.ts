import {
  ARTIFACT_OPTIONS,
  booleanValue,
  JOB_OPTIONS,
  positiveIntegerValue,
  REQUEST_TIMEOUT_OPTION,
  START_OPTIONS,
  TRIGGER_OVERRIDE_OPTIONS,
  textValue,
  WAIT_OPTIONS,
} from "@dbt-cloud-kit/app-kit";
import { z } from "zod";
import { ACCOUNT_ID_WHERE } from "./account-id-hint.js";
import { inputField } from "./input-field.js";

const T = TRIGGER_OVERRIDE_OPTIONS;

/**
 * Every input as a zod transform from its raw string; cross-input rules live in parse-config.ts. Inputs
 * the CLI has too are checked by their one definition in @dbt-cloud-kit/app-kit.
 */
export const inputSchema = z.object({
  "api-token": z.string(),
  "account-id": inputField(positiveIntegerValue(`account-id ${ACCOUNT_ID_WHERE}`)),
  "access-url": z.string(),
  "job-id": inputField(JOB_OPTIONS.jobId.check),
  "job-name": inputField(JOB_OPTIONS.jobName.check),
  "project-id": inputField(JOB_OPTIONS.projectId.check),
  "environment-id": inputField(JOB_OPTIONS.environmentId.check),
  cause: inputField(T.cause.check),
  "git-sha": inputField(T.gitSha.check),
  "git-branch": inputField(T.gitBranch.check),
  "pull-request-id": inputField(T.pullRequestId.check),
  ci: inputField(booleanValue(false)),
  "schema-override": inputField(T.schemaOverride.check),
  "dbt-version-override": inputField(T.dbtVersionOverride.check),
  "threads-override": inputField(T.threadsOverride.check),
  "target-name-override": inputField(T.targetNameOverride.check),
  "generate-docs-override": inputField(T.generateDocsOverride.check),
  "timeout-seconds-override": inputField(T.timeoutSecondsOverride.check),
  "steps-override": inputField(T.stepsOverride.check),
  wait: inputField(WAIT_OPTIONS.wait.check),
  "poll-interval": inputField(WAIT_OPTIONS.pollInterval.check),
  timeout: inputField(WAIT_OPTIONS.timeout.check),
  "cancel-on-timeout": inputField(WAIT_OPTIONS.cancelOnTimeout.check),
  "cancel-on-abort": inputField(WAIT_OPTIONS.cancelOnAbort.check),
  "fail-on-error": inputField(WAIT_OPTIONS.failOnError.check),
  "if-running": inputField(START_OPTIONS.ifRunning.check),
  "retry-failed": inputField(START_OPTIONS.retryFailed.check),
  artifacts: inputField(ARTIFACT_OPTIONS.artifacts.check),
  "artifacts-dir": inputField(ARTIFACT_OPTIONS.artifactsDir.check),
  "artifacts-step": inputField(ARTIFACT_OPTIONS.artifactsStep.check),
  "job-summary": inputField(booleanValue(true)),
  annotations: inputField(booleanValue(true)),
  "pr-comment": inputField(booleanValue(false)),
  "github-token": inputField(textValue()),
  "request-timeout": inputField(REQUEST_TIMEOUT_OPTION.check),
});

export type ParsedInputs = z.output<typeof inputSchema>;
