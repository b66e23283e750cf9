import type { DbtCloudClient, DbtCloudRun, TriggerRunOptions } from "@dbt-cloud-kit/client";
import { RunStatus, runStatusName } from "@dbt-cloud-kit/client";
import { errorText, type FlowLog } from "./flow-log.js";
import { retryWithRecovery } from "./retry-recovery.js";

export type IfRunning = "queue" | "reuse" | "cancel";

export interface StartOptions {
  ifRunning: IfRunning;
  retryFailed: boolean;
  /** The trigger body: cause and overrides. */
  trigger: TriggerRunOptions & { cause: string };
}

export interface StartedRun {
  run: DbtCloudRun;
  how: "triggered" | "reused" | "retried";
  notes: string[];
}

/**
 * Gets a run for the job as the action does: attach to an in-flight run of the same commit (if-running
 * reuse, only when --git-sha names the commit), cancel
 * in-flight runs first (cancel), retry the latest failed run (retry-failed), or trigger a new one — never
 * twice: the client adopts a run created by a trigger whose response was lost.
 */
export async function startRun(
  client: DbtCloudClient,
  jobId: number,
  options: StartOptions,
  log: FlowLog,
  signal: AbortSignal,
): Promise<StartedRun> {
  const notes: string[] = [];
  const pr = options.trigger.githubPullRequestId ?? undefined;
  const sha = options.trigger.gitSha ?? undefined;
  const scope = pr === undefined ? `job ${jobId}` : `job ${jobId} for pull request #${pr}`;
  if (options.ifRunning === "reuse" && sha === undefined) {
    const note =
      "--if-running reuse attaches only to a run of the same commit, and no commit is known (give --git-sha), so it behaved as queue.";
    log.info(note);
    notes.push(note);
  } else if (options.ifRunning === "reuse" && sha !== undefined) {
    const reused = await reuseInFlight(client, jobId, pr, sha, scope, log, signal);
    if (reused !== undefined) return reused;
  } else if (options.ifRunning === "cancel") {
    const inFlight = await inFlightRuns(client, jobId, pr, undefined, signal);
    for (const run of inFlight) {
      log.info(
        `Cancelling in-flight run ${run.id} (${runStatusName(run.status)}) of ${scope} (--if-running cancel).`,
      );
      await client.cancelRun(run.id, { signal });
    }
    if (inFlight.length > 0)
      notes.push(`Cancelled in-flight run(s) ${inFlight.map((r) => r.id).join(", ")}.`);
  }
  if (options.retryFailed) {
    const retried = await retryLatestFailed(client, jobId, pr, log, signal, notes);
    if (retried) return { run: retried, how: "retried", notes };
  }
  const run = await client.triggerJobRun(jobId, options.trigger, {
    onRecovery: (event) =>
      event.kind === "adopted"
        ? log.info(
            `The trigger response was lost; found the run it created: ${event.run.id}. Not triggering again. Cause: `,
            errorText(event.error),
          )
        : log.info(
            "The trigger request failed and no run was created; triggering again. Cause: ",
            errorText(event.error),
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
  log: FlowLog,
  signal: AbortSignal,
): Promise<StartedRun | undefined> {
  const inFlight = await inFlightRuns(client, jobId, pr, sha, signal);
  const subject = `${scope.charAt(0).toUpperCase()}${scope.slice(1)}`;
  const run = inFlight.find((r) => sameCommit(r, sha));
  if (run !== undefined) {
    log.info(
      `${subject} already has run ${run.id} in flight for commit ${sha.slice(0, 12)} (${runStatusName(run.status)}): attaching to it (--if-running reuse).`,
    );
    return { run, how: "reused", notes: [`Attached to in-flight run ${run.id} (if-running: reuse).`] };
  }
  if (inFlight.length > 0) {
    log.info(
      `${subject} has run(s) ${inFlight.map((r) => r.id).join(", ")} in flight, none for commit ${sha.slice(0, 12)}: not attaching (--if-running reuse).`,
    );
  }
  return undefined;
}

/**
 * In-flight runs of the job, newest first; for a pull request only that PR's runs count. With a commit to
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
 * be abbreviated (7-40 characters), so one must start with the other.
 */
export function sameCommit(run: DbtCloudRun, sha: string): boolean {
  const theirs = (run.trigger?.git_sha ?? run.git_sha ?? "").toLowerCase();
  const ours = sha.toLowerCase();
  if (theirs.length < 7) return false;
  return theirs.startsWith(ours) || ours.startsWith(theirs);
}

/** dbt Cloud can only retry the job's latest run; for a pull request it must also be this PR's. */
async function retryLatestFailed(
  client: DbtCloudClient,
  jobId: number,
  pullRequest: number | undefined,
  log: FlowLog,
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
    log.info(
      `--retry-failed: the latest run ${latest.id} of job ${jobId} is ${latestPr ? `for pull request #${latestPr}` : "not a pull request run"}, not #${pullRequest}; triggering a new run.`,
    );
    return undefined;
  }
  if (latest === undefined || latest.status !== RunStatus.Error) {
    log.info(
      latest === undefined
        ? `--retry-failed: job ${jobId} has no runs yet; triggering a new run.`
        : `--retry-failed: the latest run ${latest.id} of job ${jobId} is ${runStatusName(latest.status)}, not failed; triggering a new run.`,
    );
    return undefined;
  }
  if (latest.can_retry === false) {
    const reason = latest.retry_not_supported_reason ?? "no reason given";
    log.info(
      `--retry-failed: the latest run ${latest.id} failed but cannot be retried; triggering a new run. Reason: `,
      reason,
    );
    notes.push(`Run ${latest.id} could not be retried (${reason}); a new run was triggered.`);
    return undefined;
  }
  const run = await retryWithRecovery(client, jobId, latest, pullRequest, log, signal);
  log.info(`--retry-failed: retrying failed run ${latest.id} from the point of failure as run ${run.id}.`);
  notes.push(`Retried failed run ${latest.id} from the point of failure.`);
  return run;
}
