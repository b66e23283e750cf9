// TEMPORARY: the action's renderer, imported from its source (one definition) until
// @dbt-cloud-kit/app-kit, which takes it over, lands on main; then this file imports from app-kit.
export { renderJobSummary } from "../../../action/src/summary/render-job-summary.js";
export type { SummaryFacts } from "../../../action/src/summary/summary-facts.js";
