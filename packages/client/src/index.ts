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
export { type Clock, realSleep, systemClock } from "./clock.js";
export { createDispatcher, type DispatcherOptions } from "./dispatcher.js";
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
  DbtCloudValidationError,
  type RequestDescription,
} from "./errors.js";
export type { CreateJobInput } from "./job-request.js";
export { type Logger, noopLogger } from "./logger.js";
export { DbtCloudJob } from "./models/job.js";
export { DbtCloudRun, DbtCloudRunFailureDetails, DbtCloudRunTrigger } from "./models/run.js";
export { DbtCloudRunStep } from "./models/run-step.js";
export { DbtCloudAccount, DbtCloudEnvironment, DbtCloudProject } from "./models/scope.js";
export { MAX_PAGE_SIZE, Paged } from "./paged.js";
export { DEFAULT_POLL_CAP_MS, nextPollDelay, type PollingScheduleOptions } from "./polling-schedule.js";
export { encodeArtifactPath } from "./request-values.js";
export {
  backoffDelay,
  DEFAULT_RETRY,
  isAmbiguousFailure,
  isRetryableError,
  parseRetryAfter,
  type RetryOptions,
} from "./retry-policy.js";
export { isKnownStatus, isTerminalStatus, RunStatus, runStatusName } from "./run-status.js";
export type { FetchInit, FetchLike } from "./transport.js";
export {
  buildTriggerBody,
  MAX_CAUSE_LENGTH,
  type TriggerRunBody,
  type TriggerRunOptions,
} from "./trigger-options.js";
export {
  matchesTrigger,
  type TriggerRecoveryEvent,
  type TriggerRecoveryOptions,
} from "./trigger-recovery.js";
export { CLIENT_VERSION, USER_AGENT } from "./user-agent.js";
export { type RunReader, type WaitForRunOptions, waitForRun } from "./wait-for-run.js";
export { ADHOC_JOB_PREFIX, adhocJobNames, isAdhocJobName } from "./workspace/adhoc-job-names.js";
export { formatRunLogs, hasMissingLogs } from "./workspace/run-logs.js";
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
