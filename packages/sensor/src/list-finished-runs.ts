import type { Clock, DbtCloudClient, DbtCloudRun, Logger } from "@dbt-cloud-kit/client";
import { isoTime, parseApiTime } from "./api-time.js";
import { byFinish, candidateOf, outOfScope, type RunCandidate, type ScopeRules } from "./run-scope.js";

export interface ListingInput {
  client: DbtCloudClient;
  clock: Clock;
  logger: Logger;
  rules: ScopeRules;
  /** Inclusive lower bound on finished-at (epoch ms). */
  from: number;
  /** Runs already reported (skipped). */
  isReported: (runId: number) => boolean;
  signal: AbortSignal | undefined;
  deadline: number;
}

export interface Listing {
  /** In scope, finished at or after `from`, not yet reported, in finish order, each once. */
  candidates: RunCandidate[];
  /** Highest finished-at of any listed run in the window (in scope or not). */
  maxFinishedAt: number | undefined;
  /** Highest id of any listed run. */
  maxId: number | undefined;
  complete: boolean;
  pages: number;
}

/** Far enough ahead for any clock skew; the bound only exists because the API wants two. */
export const UPPER_BOUND_MS = 7 * 24 * 3600_000;

/**
 * Every finished run of the window, page by page: filtered and ordered by finished-at on the server
 * (where dbt Cloud honours it) and checked again here, so a page that ignores a filter, repeats a run
 * after a shift or comes out of order changes nothing. Only the few fields needed are kept.
 */
export async function listFinishedRuns(input: ListingInput): Promise<Listing> {
  const { rules, from, clock } = input;
  const onlyJob = rules.jobIds?.size === 1 ? [...rules.jobIds][0] : undefined;
  const paged = input.client.listRuns({
    projectId: rules.projectId,
    environmentId: rules.environmentId,
    jobDefinitionId: onlyJob,
    orderBy: "finished_at",
    // A second of slack below: the server may compare at a finer precision; the exact check is ours.
    finishedAtRange: [isoTime(from - 1000), isoTime(clock.now() + UPPER_BOUND_MS)],
    includeRelated: rules.includeAdhocRuns ? undefined : ["job"],
    signal: input.signal,
  });
  const seen = new Map<number, RunCandidate>();
  let maxFinishedAt: number | undefined;
  let maxId: number | undefined;
  let pages = 0;
  const skipped = new Map<string, number>();
  const iterator = paged.pages();
  try {
    for (;;) {
      if (pages > 0 && (input.signal?.aborted || clock.now() >= input.deadline)) {
        return { candidates: [], maxFinishedAt: undefined, maxId: undefined, complete: false, pages };
      }
      const next = await iterator.next();
      if (next.done) break;
      pages++;
      for (const run of next.value as DbtCloudRun[]) {
        if (Number.isSafeInteger(run.id) && (maxId === undefined || run.id > maxId)) maxId = run.id;
        const finishedAt = parseApiTime(run.finished_at);
        if (finishedAt === undefined || finishedAt < from) continue;
        if (maxFinishedAt === undefined || finishedAt > maxFinishedAt) maxFinishedAt = finishedAt;
        const reason = outOfScope(run, rules);
        if (reason !== undefined) {
          const kind = reason.replace(/\d+/g, "N");
          skipped.set(kind, (skipped.get(kind) ?? 0) + 1);
          continue;
        }
        if (input.isReported(run.id) || seen.has(run.id)) continue;
        seen.set(run.id, candidateOf(run));
      }
    }
  } finally {
    await iterator.return(undefined);
  }
  if (skipped.size > 0) {
    input.logger.debug(`Runs left out: ${[...skipped].map(([k, n]) => `${n} × ${k}`).join(", ")}`);
  }
  return { candidates: [...seen.values()].sort(byFinish), maxFinishedAt, maxId, complete: true, pages };
}
