// The action's status vocabulary and duration format, from the code the action and the CLI share.
export { type ActionStatus, actionStatusOf, formatDuration, secondsBetween } from "@dbt-cloud-kit/app-kit";
