import {
  artifactPathsValue,
  artifactsDirValue,
  artifactsStepValue,
  booleanValue,
  type Check,
  enumValue,
  gitShaValue,
  nonNegativeIntegerValue,
  positiveIntegerValue,
  secondsValue,
  stepsValue,
  textValue,
} from "./value-checks.js";

const DAY_SECONDS = 86_400;

/**
 * The smallest positive poll-interval, timeout and request-timeout (seconds): durations are whole
 * milliseconds, and one that rounds to 0 ms would mean a busy loop, "no limit" or an instant failure.
 * action.yml states it in each input's description.
 */
export const DURATION_MINIMUM_SECONDS = 0.001;

/**
 * An option the action and the CLI share, defined once: the action input (the CLI flag is the same name
 * after `--`), its default exactly as action.yml has it (a test compares them), its check, and how the CLI
 * spells it. The action's input schema and the CLI's commander options are both built from these.
 */
export interface SharedOption<T> {
  /** The action input, e.g. `poll-interval`; the CLI flag is `--<input>`. */
  input: string;
  /** Placeholder shown in help, e.g. `<seconds>`; absent for on/off flags. */
  argument?: string;
  description: string;
  /** The raw default, exactly as action.yml has it (undefined = unset). */
  defaultValue: string | undefined;
  check: Check<T>;
  /** Repeatable flags whose values are joined with newlines before the check (lists, steps). */
  repeatable?: boolean;
}

function option<T>(spec: SharedOption<T>): SharedOption<T> {
  return spec;
}

/** Trigger overrides, sent in the trigger body. */
export const TRIGGER_OVERRIDE_OPTIONS = {
  cause: option({
    input: "cause",
    argument: "<text>",
    description:
      "trigger cause shown in dbt Cloud, cut to 255 characters (default names the CI job or user@host)",
    defaultValue: undefined,
    check: textValue(),
  }),
  gitSha: option({
    input: "git-sha",
    argument: "<sha>",
    description: "commit to check out (it must exist in the repository connected to dbt Cloud)",
    defaultValue: undefined,
    check: gitShaValue,
  }),
  gitBranch: option({
    input: "git-branch",
    argument: "<branch>",
    description: "branch to check out",
    defaultValue: undefined,
    check: textValue(),
  }),
  pullRequestId: option({
    input: "pull-request-id",
    argument: "<number>",
    description: "pull request number, sent as github_pull_request_id (marks the run as a CI run)",
    defaultValue: undefined,
    check: positiveIntegerValue("pull-request-id to the pull request number"),
  }),
  schemaOverride: option({
    input: "schema-override",
    argument: "<schema>",
    description: "override the destination schema",
    defaultValue: undefined,
    check: textValue(),
  }),
  dbtVersionOverride: option({
    input: "dbt-version-override",
    argument: "<version>",
    description: "override the dbt version (e.g. latest, 1.9.0-latest)",
    defaultValue: undefined,
    check: textValue(),
  }),
  threadsOverride: option({
    input: "threads-override",
    argument: "<n>",
    description: "override the number of threads",
    defaultValue: undefined,
    check: positiveIntegerValue("threads-override to a thread count such as 8"),
  }),
  targetNameOverride: option({
    input: "target-name-override",
    argument: "<name>",
    description: "override target.name",
    defaultValue: undefined,
    check: textValue(),
  }),
  generateDocsOverride: option({
    input: "generate-docs-override",
    argument: "<true|false>",
    description: "add (true) or remove (false) the docs generate step",
    defaultValue: undefined,
    check: booleanValue(undefined),
  }),
  timeoutSecondsOverride: option({
    input: "timeout-seconds-override",
    argument: "<seconds>",
    description: "run timeout enforced by dbt Cloud",
    defaultValue: undefined,
    check: nonNegativeIntegerValue("timeout-seconds-override to seconds, e.g. 3600"),
  }),
  stepsOverride: option({
    input: "steps-override",
    argument: "<command>",
    description:
      'a dbt command to run instead of the job\'s steps; repeat for several (e.g. "dbt build -s tag:daily")',
    defaultValue: undefined,
    check: stepsValue,
    repeatable: true,
  }),
} as const;

/** How the run is started when the job already has one in flight or just failed. */
export const START_OPTIONS = {
  ifRunning: option({
    input: "if-running",
    argument: "<queue|reuse|cancel>",
    description:
      "when the job has a run in flight: queue (trigger anyway), reuse (attach to the newest in-flight run of the same --git-sha; without one, as queue) or cancel (cancel in-flight runs first)",
    defaultValue: "queue",
    check: enumValue(["queue", "reuse", "cancel"] as const),
  }),
  retryFailed: option({
    input: "retry-failed",
    description: "when the job's latest run failed and can be retried, retry it from the point of failure",
    defaultValue: "false",
    check: booleanValue(false),
  }),
} as const;

/** Waiting: the same durations, minimums and defaults as the action. */
export const WAIT_OPTIONS = {
  wait: option({
    input: "wait",
    description: "wait for the run to finish (--no-wait: return once it is queued)",
    defaultValue: "true",
    check: booleanValue(true),
  }),
  pollInterval: option({
    input: "poll-interval",
    argument: "<seconds>",
    description: "longest gap between two status polls (polling starts faster and slows down to this)",
    defaultValue: "10",
    check: secondsValue({
      allowZero: false,
      example: "10 or 0.5",
      min: DURATION_MINIMUM_SECONDS,
      max: 3600,
    }),
  }),
  timeout: option({
    input: "timeout",
    argument: "<seconds>",
    description: "seconds to wait for the run, 0 = no limit",
    defaultValue: "0",
    check: secondsValue({
      allowZero: true,
      example: "3600 (0 = no limit)",
      min: DURATION_MINIMUM_SECONDS,
      max: 30 * DAY_SECONDS,
    }),
  }),
  cancelOnTimeout: option({
    input: "cancel-on-timeout",
    description: "cancel the run when --timeout passes (--no-cancel-on-timeout leaves it running)",
    defaultValue: "true",
    check: booleanValue(true),
  }),
  cancelOnAbort: option({
    input: "cancel-on-abort",
    description: "cancel the run when interrupted (Ctrl-C, SIGTERM) while waiting",
    defaultValue: "true",
    check: booleanValue(true),
  }),
  failOnError: option({
    input: "fail-on-error",
    description: "exit 1 unless the run succeeded (--no-fail-on-error: exit 0 whatever the outcome)",
    defaultValue: "true",
    check: booleanValue(true),
  }),
} as const;

/** Artifacts: which files, where, from which step. */
export const ARTIFACT_OPTIONS = {
  artifacts: option({
    input: "artifacts",
    argument: "<paths>",
    description: "artifact paths to download, comma separated or repeated (--no-artifacts: none)",
    defaultValue: "run_results.json\nmanifest.json",
    check: artifactPathsValue,
    repeatable: true,
  }),
  artifactsDir: option({
    input: "artifacts-dir",
    argument: "<dir>",
    description: "directory to download artifacts into",
    defaultValue: "dbt-cloud-artifacts",
    check: artifactsDirValue,
  }),
  artifactsStep: option({
    input: "artifacts-step",
    argument: "<auto|n>",
    description: "step to download artifacts from; auto = the last dbt step that wrote run_results.json",
    defaultValue: "auto",
    check: artifactsStepValue,
  }),
} as const;

/** HTTP. */
export const REQUEST_TIMEOUT_OPTION = option({
  input: "request-timeout",
  argument: "<seconds>",
  description: "seconds allowed for each HTTP request to dbt Cloud",
  defaultValue: "30",
  check: secondsValue({ allowZero: false, example: "30", min: DURATION_MINIMUM_SECONDS, max: 600 }),
});

/** Job selection and scope. */
export const JOB_OPTIONS = {
  jobId: option({
    input: "job-id",
    argument: "<id>",
    description: "job to trigger (or --job-name); falls back to DBT_CLOUD_JOB_ID",
    defaultValue: undefined,
    check: positiveIntegerValue("job-id to the number in the job's URL (…/jobs/<id>)"),
  }),
  jobName: option({
    input: "job-name",
    argument: "<name>",
    description:
      "exact name of the job; exactly one job must match (narrow it with --project-id / --environment-id)",
    defaultValue: undefined,
    check: textValue(),
  }),
  projectId: option({
    input: "project-id",
    argument: "<id>",
    description: "only this project (falls back to DBT_CLOUD_PROJECT_ID)",
    defaultValue: undefined,
    check: positiveIntegerValue("project-id to the project's id"),
  }),
  environmentId: option({
    input: "environment-id",
    argument: "<id>",
    description: "only this environment (falls back to DBT_CLOUD_ENVIRONMENT_ID)",
    defaultValue: undefined,
    check: positiveIntegerValue("environment-id to the environment's id"),
  }),
} as const;

/** Every shared option, for the drift test against action.yml. */
export const ALL_SHARED_OPTIONS: readonly SharedOption<unknown>[] = [
  ...Object.values(TRIGGER_OVERRIDE_OPTIONS),
  ...Object.values(START_OPTIONS),
  ...Object.values(WAIT_OPTIONS),
  ...Object.values(ARTIFACT_OPTIONS),
  REQUEST_TIMEOUT_OPTION,
  ...Object.values(JOB_OPTIONS),
];
