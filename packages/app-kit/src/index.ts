export { tailLines } from "./logs/tail-lines.js";
export { artifactPathProblem } from "./options/artifact-path.js";
export { controlCharacterProblem } from "./options/control-characters.js";
export {
  ALL_SHARED_OPTIONS,
  ARTIFACT_OPTIONS,
  DURATION_MINIMUM_SECONDS,
  JOB_OPTIONS,
  REQUEST_TIMEOUT_OPTION,
  type SharedOption,
  START_OPTIONS,
  TRIGGER_OVERRIDE_OPTIONS,
  WAIT_OPTIONS,
} from "./options/shared-options.js";
export {
  artifactPathsValue,
  artifactsDirValue,
  artifactsStepValue,
  booleanValue,
  type Check,
  type CheckResult,
  CONTROL_CHARACTER_FIX,
  enumValue,
  gitShaValue,
  listValue,
  nonNegativeIntegerValue,
  positiveIntegerValue,
  quote,
  secondsValue,
  stepsValue,
  textValue,
  type ValueProblem,
} from "./options/value-checks.js";
export { abortReasonText } from "./run-flow/abort-reason.js";
export {
  prepareArtifactFile,
  prepareArtifactRoot,
  UnsafeArtifactPathError,
} from "./run-flow/artifact-target.js";
export {
  type CauseOrigin,
  cutCause,
  defaultCause,
  type GithubRunCause,
} from "./run-flow/default-cause.js";
export {
  type ArtifactDownloads,
  artifactsUnavailable,
  downloadArtifacts,
  producerStep,
} from "./run-flow/download-artifacts.js";
export {
  type FailureReport,
  type FailureReportOptions,
  type FinishedRunFacts,
  failureReport,
} from "./run-flow/failure-report.js";
export {
  errorText,
  flagSpelling,
  inputSpelling,
  type OptionSpelling,
  type RunFlowLog,
} from "./run-flow/flow-log.js";
export { sameCommit } from "./run-flow/in-flight-runs.js";
export { readFinishedRun } from "./run-flow/read-finished-run.js";
export {
  type CountsByResourceType,
  countsByResourceType,
  type RunResultsReport,
  readRunResults,
} from "./run-flow/read-run-results.js";
export { JobSelectionError, type JobSelector, resolveJob } from "./run-flow/resolve-job.js";
export { retryRun } from "./run-flow/retry-latest-failed.js";
export { type StartOrAdoptOptions, startOrAdoptRun } from "./run-flow/start-or-adopt-run.js";
export type { IfRunning, StartedRun, StartRunReporting } from "./run-flow/started-run.js";
export {
  type WaitOptions,
  type WaitOutcome,
  waitForTerminal,
} from "./run-flow/wait-for-terminal.js";
export {
  type ActionStatus,
  actionStatusOf,
  formatDuration,
  secondsBetween,
} from "./status/action-status.js";
export { type RunTimes, runTimes } from "./status/run-times.js";
export { describeStatusChange, queueText, statusLineParts } from "./status/status-line.js";
export { countEntries, nestedCountEntries } from "./summary/count-entries.js";
export { explainOutcome } from "./summary/explain-outcome.js";
export { type FactsFromRunOptions, factsFromRun, type RunFacts } from "./summary/facts-from-run.js";
export { failedStep } from "./summary/failed-step.js";
export type { MarkdownTarget } from "./summary/markdown.js";
export {
  COMMENT_MAX_CHARS,
  JOB_SUMMARY_MAX_BYTES,
  measure,
  type RenderOptions,
  renderJobSummary,
  type SizeLimit,
} from "./summary/render-job-summary.js";
export { isStaleCiCancellation } from "./summary/stale-ci-cancellation.js";
export type { SummaryFacts } from "./summary/summary-facts.js";
export { neutraliseWorkflowCommands } from "./untrusted/neutralise-workflow-commands.js";
export {
  createUntrustedPrinter,
  type UntrustedPrinter,
  type UntrustedPrinterOptions,
} from "./untrusted/untrusted-printer.js";
