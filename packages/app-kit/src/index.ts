export {
  type ActionStatus,
  actionStatusOf,
  formatDuration,
  secondsBetween,
} from "./status/action-status.js";
export { type RenderOptions, renderJobSummary } from "./summary/render-job-summary.js";
export type { SummaryFacts } from "./summary/summary-facts.js";
export {
  createUntrustedPrinter,
  type UntrustedPrinter,
  type UntrustedPrinterOptions,
} from "./untrusted/untrusted-printer.js";
