import type { DbtCloudClient, TriggerRunOptions } from "@dbt-cloud-kit/client";
import { runStatusName } from "@dbt-cloud-kit/client";
import { errorText } from "./flow-log.js";
import { inFlightRuns, reuseInFlight } from "./in-flight-runs.js";
import { retryLatestFailed } from "./retry-latest-failed.js";
import type { IfRunning, StartedRun, StartRunReporting } from "./started-run.js";

export interface StartOrAdoptOptions {
  ifRunning: IfRunning;
  retryFailed: boolean;
  /** The trigger body: cause and overrides (its pull request and sha scope if-running). */
  trigger: TriggerRunOptions;
  /** How to name the commit when if-running reuse has none, e.g. "set git-sha". */
  commitHint: string;
}

/**
 * Gets a run for the job according to if-running and retry-failed: attach to an in-flight run of the same
 * commit (reuse, only when the commit is known), cancel in-flight runs first, retry the latest failed run,
 * or trigger a new one (never twice: the client adopts a run created by a trigger whose response was lost).
 */
export async function startOrAdoptRun(
  client: DbtCloudClient,
  jobId: number,
  options: StartOrAdoptOptions,
  reporting: StartRunReporting,
  signal: AbortSignal,
): Promise<StartedRun> {
  const { log, spell } = reporting;
  const notes: string[] = [];
  const pr = options.trigger.githubPullRequestId ?? undefined;
  const sha = options.trigger.gitSha ?? undefined;
  const scope = pr === undefined ? `job ${jobId}` : `job ${jobId} for pull request #${pr}`;
  if (options.ifRunning === "reuse" && sha === undefined) {
    const note = `${spell("if-running", "reuse")} attaches only to a run of the same commit, and no commit is known (${options.commitHint}), so it behaved as queue.`;
    log.info(note);
    notes.push(note);
  } else if (options.ifRunning === "reuse" && sha !== undefined) {
    const reused = await reuseInFlight(client, jobId, pr, sha, scope, reporting, signal);
    if (reused !== undefined) return reused;
  } else if (options.ifRunning === "cancel") {
    const inFlight = await inFlightRuns(client, jobId, pr, undefined, signal);
    for (const run of inFlight) {
      log.info(
        `Cancelling in-flight run ${run.id} (${runStatusName(run.status)}) of ${scope} (${spell("if-running", "cancel")}).`,
      );
      await client.cancelRun(run.id, { signal });
    }
    if (inFlight.length > 0)
      notes.push(`Cancelled in-flight run(s) ${inFlight.map((r) => r.id).join(", ")}.`);
  }
  if (options.retryFailed) {
    const retried = await retryLatestFailed(client, jobId, pr, reporting, signal, notes);
    if (retried) return { run: retried, how: "retried", notes };
  }
  const run = await client.triggerJobRun(jobId, options.trigger, {
    onRecovery: (event) =>
      event.kind === "adopted"
        ? log.info(
            `The trigger response was lost — found the run it created: ${event.run.id}. Not triggering again. Cause: `,
            errorText(event.error),
          )
        : log.info(
            "The trigger request failed and no run was created; triggering again. Cause: ",
            errorText(event.error),
          ),
  });
  return { run, how: "triggered", notes };
}
