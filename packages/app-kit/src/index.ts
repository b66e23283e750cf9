export { tailLines } from "./logs/tail-lines.js";
export {
  errorText,
  flagSpelling,
  inputSpelling,
  type OptionSpelling,
  type RunFlowLog,
} from "./run-flow/flow-log.js";
export { sameCommit } from "./run-flow/in-flight-runs.js";
export { retryRun } from "./run-flow/retry-latest-failed.js";
export { type StartOrAdoptOptions, startOrAdoptRun } from "./run-flow/start-or-adopt-run.js";
export type { IfRunning, StartedRun, StartRunReporting } from "./run-flow/started-run.js";
export {
  type ActionStatus,
  actionStatusOf,
  formatDuration,
  secondsBetween,
} from "./status/action-status.js";
export { type RunTimes, runTimes } from "./status/run-times.js";
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
