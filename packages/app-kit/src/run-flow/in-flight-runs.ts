import type { DbtCloudClient, DbtCloudRun } from "@dbt-cloud-kit/client";
import { RunStatus, runStatusName } from "@dbt-cloud-kit/client";
import type { StartedRun, StartRunReporting } from "./started-run.js";

/** The newest in-flight run of the job (and pull request) for commit `sha`, if there is one. */
export async function reuseInFlight(
  client: DbtCloudClient,
  jobId: number,
  pr: number | undefined,
  sha: string,
  scope: string,
  { log, spell }: StartRunReporting,
  signal: AbortSignal,
): Promise<StartedRun | undefined> {
  const inFlight = await inFlightRuns(client, jobId, pr, sha, signal);
  const subject = `${scope.charAt(0).toUpperCase()}${scope.slice(1)}`;
  const run = inFlight.find((r) => sameCommit(r, sha));
  if (run !== undefined) {
    log.info(
      `${subject} already has run ${run.id} in flight for commit ${sha.slice(0, 12)} (${runStatusName(run.status)}): attaching to it (${spell("if-running", "reuse")}).`,
    );
    return {
      run,
      how: "reused",
      notes: [`Attached to in-flight run ${run.id} (${spell("if-running", "reuse")}).`],
    };
  }
  if (inFlight.length > 0) {
    log.info(
      `${subject} has run(s) ${inFlight.map((r) => r.id).join(", ")} in flight, none for commit ${sha.slice(0, 12)}: not attaching (${spell("if-running", "reuse")}).`,
    );
  }
  return undefined;
}

/**
 * In-flight runs of the job, newest first. For a pull request only that PR's runs count: CI jobs run
 * different PRs concurrently, and reusing or cancelling another PR's run would be wrong. With a commit to
 * match, the trigger is read too (it holds the requested sha before the run has checked anything out).
 */
export async function inFlightRuns(
  client: DbtCloudClient,
  jobId: number,
  pullRequest: number | undefined,
  sha: string | undefined,
  signal: AbortSignal,
): Promise<DbtCloudRun[]> {
  const runs = await client
    .listRuns({
      jobDefinitionId: jobId,
      statusIn: [RunStatus.Queued, RunStatus.Starting, RunStatus.Running],
      orderBy: "-id",
      ...(pullRequest !== undefined || sha !== undefined ? { includeRelated: ["trigger"] as const } : {}),
      signal,
    })
    .toArray();
  if (pullRequest === undefined) return runs;
  return runs.filter((run) => run.trigger?.github_pull_request_id === pullRequest);
}

/**
 * Whether the run is for `sha`: the sha its trigger asked for, else the one it checked out. Either side may
 * be abbreviated (git-sha accepts 7-40 characters), so one must start with the other.
 */
export function sameCommit(run: DbtCloudRun, sha: string): boolean {
  const theirs = (run.trigger?.git_sha ?? run.git_sha ?? "").toLowerCase();
  const ours = sha.toLowerCase();
  if (theirs.length < 7) return false;
  return theirs.startsWith(ours) || ours.startsWith(theirs);
}
