import { MAX_CAUSE_LENGTH } from "@dbt-cloud-kit/client";
import type { GithubContext } from "./github-context.js";

/** dbt Cloud rejects long causes (Airflow hit this): cut to 255 characters. */
export function cutCause(cause: string): string {
  if (cause.length <= MAX_CAUSE_LENGTH) return cause;
  return `${cause.slice(0, MAX_CAUSE_LENGTH - 3)}...`;
}

/** "GitHub Actions: <workflow> #<run number> (<repo>@<sha7>, PR #n)" — enough to find the workflow run. */
export function defaultCause(context: GithubContext, sha: string | undefined): string {
  const workflow = context.workflow ?? "workflow";
  // The attempt keeps re-runs distinct: the client matches a lost trigger's run by its cause.
  const attempt =
    context.runAttempt !== undefined && context.runAttempt !== 1 ? ` attempt ${context.runAttempt}` : "";
  const run = context.runNumber !== undefined ? ` #${context.runNumber}${attempt}` : "";
  const where = [context.repository, sha ? sha.slice(0, 7) : undefined].filter(Boolean).join("@");
  const pr = context.pullRequest ? `PR #${context.pullRequest.number}` : undefined;
  const details = [where || undefined, pr].filter(Boolean).join(", ");
  return cutCause(`GitHub Actions: ${workflow}${run}${details ? ` (${details})` : ""}`);
}
