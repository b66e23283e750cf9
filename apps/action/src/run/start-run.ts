import type { DbtCloudClient, DbtCloudRun, TriggerRunOptions } from "@dbt-cloud-kit/client";
import { RunStatus, runStatusName } from "@dbt-cloud-kit/client";
import type { ActionConfig } from "../config/action-config.js";
import type { ResolvedTrigger } from "../github/ci-mode.js";
import { retryWithRecovery } from "./retry-recovery.js";

export interface StartedRun {
  run: DbtCloudRun;
  how: "triggered" | "reused" | "retried";
  notes: string[];
}

type Log = (message: string) => void;

/**
 * Gets a run for the job according to if-running and retry-failed: attach to an in-flight run of the same
 * commit (reuse, only when git-sha or CI mode names the commit), cancel in-flight runs first, retry the latest
 * failed run, or trigger a new one (never twice: the client adopts a run created by a trigger whose response
 * was lost).
 */
export async function startRun(
  client: DbtCloudClient,
  config: ActionConfig,
  jobId: number,
  trigger: ResolvedTrigger,
  log: Log,
  signal: AbortSignal,
): Promise<StartedRun> {
  const notes: string[] = [];
  const pr = trigger.overrides.pullRequestId;
  const sha = trigger.overrides.gitSha;
  const scope = pr === undefined ? `job ${jobId}` : `job ${jobId} for pull request #${pr}`;
  if (config.ifRunning === "reuse" && sha === undefined) {
    const note =
      "if-running: reuse attaches only to a run of the same commit, and no commit is known (set git-sha, or ci: true on pull requests), so it behaved as queue.";
    log(note);
    notes.push(note);
  } else if (config.ifRunning === "reuse" && sha !== undefined) {
    const reused = await reuseInFlight(client, jobId, pr, sha, scope, log, signal);
    if (reused !== undefined) return reused;
  } else if (config.ifRunning === "cancel") {
    const inFlight = await inFlightRuns(client, jobId, pr, undefined, signal);
    for (const run of inFlight) {
      log(
        `Cancelling in-flight run ${run.id} (${runStatusName(run.status)}) of ${scope} (if-running: cancel).`,
      );
      await client.cancelRun(run.id, { signal });
    }
    if (inFlight.length > 0)
      notes.push(`Cancelled in-flight run(s) ${inFlight.map((r) => r.id).join(", ")}.`);
  }
  if (config.retryFailed) {
    const retried = await retryLatestFailed(
      client,
      jobId,
      trigger.overrides.pullRequestId,
      log,
      signal,
      notes,
    );
    if (retried) return { run: retried, how: "retried", notes };
  }
  const options = triggerOptions(trigger);
  const run = await client.triggerJobRun(jobId, options, {
    onRecovery: (event) =>
      log(
        event.kind === "adopted"
          ? `The trigger response was lost (${errorText(event.error)}); found the run it created: ${event.run.id}. Not triggering again.`
          : `The trigger request failed (${errorText(event.error)}) and no run was created; triggering again.`,
      ),
  });
  return { run, how: "triggered", notes };
}

/** The newest in-flight run of the job (and pull request) for commit `sha`, if there is one. */
async function reuseInFlight(
  client: DbtCloudClient,
  jobId: number,
  pr: number | undefined,
  sha: string,
  scope: string,
  log: Log,
  signal: AbortSignal,
): Promise<StartedRun | undefined> {
  const inFlight = await inFlightRuns(client, jobId, pr, sha, signal);
  const subject = `${scope.charAt(0).toUpperCase()}${scope.slice(1)}`;
  const run = inFlight.find((r) => sameCommit(r, sha));
  if (run !== undefined) {
    log(
      `${subject} already has run ${run.id} in flight for commit ${sha.slice(0, 12)} (${runStatusName(run.status)}): attaching to it (if-running: reuse).`,
    );
    return { run, how: "reused", notes: [`Attached to in-flight run ${run.id} (if-running: reuse).`] };
  }
  if (inFlight.length > 0) {
    log(
      `${subject} has run(s) ${inFlight.map((r) => r.id).join(", ")} in flight, none for commit ${sha.slice(0, 12)}: not attaching (if-running: reuse).`,
    );
  }
  return undefined;
}

/**
 * In-flight runs of the job, newest first. For a pull request only that PR's runs count: CI jobs run
 * different PRs concurrently, and reusing or cancelling another PR's run would be wrong. With a commit to
 * match, the trigger is read too (it holds the requested sha before the run has checked anything out).
 */
async function inFlightRuns(
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

/**
 * dbt Cloud can only retry the job's latest run. For a pull request that run must also be this PR's:
 * CI jobs interleave runs of several PRs, and retrying another PR's run would be wrong.
 */
async function retryLatestFailed(
  client: DbtCloudClient,
  jobId: number,
  pullRequest: number | undefined,
  log: Log,
  signal: AbortSignal,
  notes: string[],
): Promise<DbtCloudRun | undefined> {
  const latest = await client
    .listRuns({
      jobDefinitionId: jobId,
      orderBy: "-id",
      limit: 1,
      pageSize: 1,
      ...(pullRequest !== undefined ? { includeRelated: ["trigger"] as const } : {}),
      signal,
    })
    .first();
  const latestPr = latest?.trigger?.github_pull_request_id ?? undefined;
  if (latest !== undefined && pullRequest !== undefined && latestPr !== pullRequest) {
    log(
      `retry-failed: the latest run ${latest.id} of job ${jobId} is ${latestPr ? `for pull request #${latestPr}` : "not a pull request run"}, not #${pullRequest}; triggering a new run.`,
    );
    return undefined;
  }
  if (latest === undefined || latest.status !== RunStatus.Error) {
    log(
      latest === undefined
        ? `retry-failed: job ${jobId} has no runs yet; triggering a new run.`
        : `retry-failed: the latest run ${latest.id} of job ${jobId} is ${runStatusName(latest.status)}, not failed; triggering a new run.`,
    );
    return undefined;
  }
  if (latest.can_retry === false) {
    const reason = latest.retry_not_supported_reason ?? "no reason given";
    log(
      `retry-failed: the latest run ${latest.id} failed but cannot be retried (${reason}); triggering a new run.`,
    );
    notes.push(`Run ${latest.id} could not be retried (${reason}); a new run was triggered.`);
    return undefined;
  }
  const run = await retryWithRecovery(client, jobId, latest, pullRequest, log, signal);
  log(`retry-failed: retrying failed run ${latest.id} from the point of failure as run ${run.id}.`);
  notes.push(`Retried failed run ${latest.id} from the point of failure.`);
  return run;
}

function triggerOptions(trigger: ResolvedTrigger): TriggerRunOptions {
  const o = trigger.overrides;
  const options: TriggerRunOptions = { cause: trigger.cause };
  if (o.gitSha !== undefined) options.gitSha = o.gitSha;
  if (o.gitBranch !== undefined) options.gitBranch = o.gitBranch;
  if (o.pullRequestId !== undefined) options.githubPullRequestId = o.pullRequestId;
  if (o.schemaOverride !== undefined) options.schemaOverride = o.schemaOverride;
  if (o.dbtVersionOverride !== undefined) options.dbtVersionOverride = o.dbtVersionOverride;
  if (o.threadsOverride !== undefined) options.threadsOverride = o.threadsOverride;
  if (o.targetNameOverride !== undefined) options.targetNameOverride = o.targetNameOverride;
  if (o.generateDocsOverride !== undefined) options.generateDocsOverride = o.generateDocsOverride;
  if (o.timeoutSecondsOverride !== undefined) options.timeoutSecondsOverride = o.timeoutSecondsOverride;
  if (o.stepsOverride !== undefined) options.stepsOverride = o.stepsOverride;
  return options;
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
