// The job summary renderer the action uses (one definition, in app-kit).
export { renderJobSummary, type SummaryFacts } from "@dbt-cloud-kit/app-kit";
