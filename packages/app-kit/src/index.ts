export { tailLines } from "./logs/tail-lines.js";
export {
  type ActionStatus,
  actionStatusOf,
  formatDuration,
  secondsBetween,
} from "./status/action-status.js";
export { countEntries, nestedCountEntries } from "./summary/count-entries.js";
export type { MarkdownTarget } from "./summary/markdown.js";
export {
  COMMENT_MAX_CHARS,
  JOB_SUMMARY_MAX_BYTES,
  measure,
  type RenderOptions,
  renderJobSummary,
  type SizeLimit,
} from "./summary/render-job-summary.js";
export type { SummaryFacts } from "./summary/summary-facts.js";
export { neutraliseWorkflowCommands } from "./untrusted/neutralise-workflow-commands.js";
export {
  createUntrustedPrinter,
  type UntrustedPrinter,
  type UntrustedPrinterOptions,
} from "./untrusted/untrusted-printer.js";
