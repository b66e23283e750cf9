import { type DbtCloudRun, RunStatus } from "@dbt-cloud-kit/client";
import { isoTime } from "./api-time.js";
import type { ListingInput } from "./list-finished-runs.js";
import { UPPER_BOUND_MS } from "./list-finished-runs.js";
import { candidateOf, outOfScope, type RunCandidate } from "./run-scope.js";

export interface CancelledListingInput extends Omit<ListingInput, "from"> {
  /** The cursor's floor: cancelled runs from this id up are looked at; null on the first tick. */
  floor: number | null;
  /** Highest run id of the finished-at listing, which ran before this one (all existed by then). */
  maxListedId: number | undefined;
  /** Without a floor, only runs cancelled at or after this (epoch ms) are reported. */
  from: number;
}

export interface CancelledListing {
  /** Cancelled runs in scope without `finished_at`, not yet reported, each once. */
  candidates: RunCandidate[];
  /** The floor for the next tick: every run below it was finished before this listing began. */
  nextFloor: number | null;
  complete: boolean;
  requests: number;
}

/** Runs created this long before the window are not looked for on a tick without a floor. */
const FIRST_TICK_CREATED_SLACK_MS = 24 * 3600_000;

/**
 * dbt Cloud can leave `finished_at` null on a cancelled run, so no `finished_at__range` listing ever
 * shows it. They are found by id instead. One one-row request gives the oldest run still in flight;
 * every run below it that existed when the finished-at listing ran (ids up to its highest) is finished
 * and stays so, which makes the next floor. Then the cancelled runs from the previous floor up are
 * listed newest first (status 30 only ever gains runs, so a page shift repeats a row, never skips
 * one). A run cancelled after this was in flight or not yet created, so it is at or above the next
 * floor and the next tick sees it.
 */
export async function listCancelledWithoutFinish(input: CancelledListingInput): Promise<CancelledListing> {
  const { rules, client, clock, floor } = input;
  const onlyJob = rules.jobIds?.size === 1 ? [...rules.jobIds][0] : undefined;
  const scope = {
    projectId: rules.projectId,
    environmentId: rules.environmentId,
    jobDefinitionId: onlyJob,
    signal: input.signal,
  };
  const oldestInFlight = await client
    .listRuns({
      ...scope,
      statusIn: [RunStatus.Queued, RunStatus.Starting, RunStatus.Running],
      orderBy: "id",
      limit: 1,
      pageSize: 1,
    })
    .first();
  let requests = 1;
  // Every run below the oldest in flight was created before it and is finished. Without one in
  // flight, every run up to the highest the finished-at listing showed is. (A server that ignored the
  // status filter gives an older, finished run: a lower floor, still safe.)
  const bound =
    oldestInFlight !== undefined
      ? oldestInFlight.id
      : input.maxListedId !== undefined
        ? input.maxListedId + 1
        : undefined;
  // Never down: runs below the old floor were finished then, and reported ones may be pruned.
  const nextFloor = bound === undefined ? floor : Math.max(floor ?? 0, bound);

  const paged = client.listRuns({
    ...scope,
    status: RunStatus.Cancelled,
    orderBy: "-id",
    ...(floor === null
      ? {
          createdAtRange: [
            isoTime(input.from - FIRST_TICK_CREATED_SLACK_MS),
            isoTime(clock.now() + UPPER_BOUND_MS),
          ] as const,
        }
      : { idGt: floor - 1 }),
    includeRelated: rules.includeAdhocRuns ? undefined : ["job"],
  });
  const seen = new Map<number, RunCandidate>();
  const iterator = paged.pages();
  let pages = 0;
  try {
    for (;;) {
      if (pages > 0 && (input.signal?.aborted || clock.now() >= input.deadline)) {
        return { candidates: [], nextFloor: floor, complete: false, requests };
      }
      const next = await iterator.next();
      if (next.done) break;
      pages++;
      requests++;
      for (const run of next.value as DbtCloudRun[]) {
        if (floor !== null && run.id < floor) continue;
        if (outOfScope(run, rules, { cancelledWithoutFinish: true }) !== undefined) continue;
        if (input.isReported(run.id) || seen.has(run.id)) continue;
        const candidate = candidateOf(run);
        if (floor === null && candidate.finishedAt < input.from) continue;
        seen.set(run.id, candidate);
      }
    }
  } finally {
    await iterator.return(undefined);
  }
  return { candidates: [...seen.values()], nextFloor, complete: true, requests };
}
