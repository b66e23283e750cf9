export { chooseArtifactStep, stepDbtCommand } from "./artifact-step.js";
export { DbtCloudClient, type DbtCloudClientOptions } from "./client.js";
export type {
  ArtifactOptions,
  DownloadArtifactOptions,
  DownloadedArtifact,
  GetRunOptions,
  ListEnvironmentsFilters,
  ListJobsFilters,
  ListProjectsFilters,
  ListRunsFilters,
  PageOptions,
  RequestOptions,
  RunRelated,
  RunsOrderBy,
} from "./client-options.js";
export type { Clock } from "./clock.js";
export { PROXY_VARS } from "./core/dispatcher.js";
export { Paged } from "./core/paged.js";
export type { FetchInit, FetchLike } from "./core/transport.js";
export { CLIENT_VERSION, USER_AGENT } from "./core/user-agent.js";
export {
  type ApiErrorDetails,
  assertRunSucceeded,
  DbtCloudApiError,
  DbtCloudAuthError,
  DbtCloudError,
  DbtCloudNetworkError,
  DbtCloudNotFoundError,
  DbtCloudRateLimitError,
  DbtCloudResponseError,
  DbtCloudRunFailedError,
  DbtCloudTimeoutError,
  DbtCloudTooLargeError,
  DbtCloudValidationError,
  type RequestDescription,
} from "./errors.js";
export { type Logger, noopLogger } from "./logger.js";
export type { LostResponseEvent, LostResponseOptions } from "./lost-response-recovery.js";
export { DbtCloudJob } from "./models/job.js";
export { DbtCloudRun, DbtCloudRunFailureDetails, DbtCloudRunTrigger } from "./models/run.js";
export { DbtCloudRunStep } from "./models/run-step.js";
export { DbtCloudAccount, DbtCloudEnvironment, DbtCloudProject } from "./models/scope.js";
export { DEFAULT_POLL_INTERVAL_MS } from "./polling-schedule.js";
export type {
  CreateJobInput,
  JobSettingsInput,
  JobTriggersInput,
  UpdateJobInput,
} from "./resources/job-body.js";
export type { RetryOptions } from "./retry-policy.js";
export type { RetryRecoveryEvent, RetryRecoveryOptions } from "./retry-recovery.js";
export { isKnownStatus, isTerminalStatus, RunStatus, runStatusName } from "./run-status.js";
export { MAX_CAUSE_LENGTH, type TriggerRunOptions } from "./trigger-options.js";
export type { TriggerRecoveryEvent, TriggerRecoveryOptions } from "./trigger-recovery.js";
export { type RunReader, type WaitForRunOptions, waitForRun } from "./wait-for-run.js";
export { ADHOC_JOB_PREFIX, adhocJobNames, isAdhocJobName } from "./workspace/adhoc-job-names.js";
export { formatRunLogs } from "./workspace/run-logs.js";
export { ADHOC_TRIGGER_CAUSE, DbtCloudWorkspace } from "./workspace/workspace.js";
export type {
  AdhocJobPoolMode,
  CommandRunOptions,
  CommandWaitOptions,
  CompletedCommands,
  DbtCloudWorkspaceData,
  DbtCloudWorkspaceOptions,
  FetchManifestOptions,
  TriggeredCommands,
} from "./workspace/workspace-types.js";
