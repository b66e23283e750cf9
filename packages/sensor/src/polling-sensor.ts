import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import type { DbtCloudClient } from "@dbt-cloud-kit/client";
import {
  cloneCursor,
  parseCursor,
  pruneReported,
  type SensorCursorState,
  serializeCursor,
  wasReported,
  windowStart,
} from "./cursor.js";
import { DbtCloudSensorConfigError } from "./errors.js";
import { listCancelledWithoutFinish } from "./list-cancelled-runs.js";
import { listFinishedRuns } from "./list-finished-runs.js";
import { ManifestCache } from "./manifest-cache.js";
import { orderedWork } from "./ordered-work.js";
import { runLoop } from "./run-loop.js";
import { type RunReaderDeps, type RunReport, readRun } from "./run-reader.js";
import { byFinish, type ScopeRules } from "./run-scope.js";
import { type ResolvedSensorOptions, resolveSensorOptions } from "./sensor-options.js";
import type {
  DbtCloudPollingSensor,
  DbtCloudPollingSensorOptions,
  ProcessWebhookOptions,
  RunOptions,
  TickOptions,
  TickResult,
  WebhookInput,
  WebhookResult,
} from "./types.js";
import { handleWebhookDelivery, processWebhookWithStore } from "./webhook-delivery.js";

function isAbortError(error: unknown): boolean {
  return (error as { name?: string })?.name === "AbortError";
}

/** The shared internals of one sensor: options, client, scope, caches. */
export interface SensorContext {
  name: string;
  owner: string;
  options: ResolvedSensorOptions;
  client: DbtCloudClient;
  rules: ScopeRules;
  reader: RunReaderDeps;
  /** Number of `run()` loops of this sensor holding the lease in this process. */
  loops: { count: number };
  initialState(): SensorCursorState;
  readState(cursor: string | undefined): SensorCursorState;
}

/**
 * A sensor over the workspace's finished dbt Cloud runs (see the package README): ticks list the
 * window since the cursor's watermark minus the overlap, report each run in scope exactly once with
 * its events, and return the next cursor.
 */
export function buildDbtCloudPollingSensor(input: DbtCloudPollingSensorOptions): DbtCloudPollingSensor {
  const options = resolveSensorOptions(input);
  const { workspace, logger } = options;
  const client = workspace.client;
  const name = `dbt_cloud_${workspace.credentials.accountId}_${workspace.projectId}_${workspace.environmentId}__run_status_sensor`;
  const context: SensorContext = {
    name,
    owner: `${hostname()}:${process.pid}:${randomUUID()}`,
    options,
    client,
    rules: {
      projectId: workspace.projectId,
      environmentId: workspace.environmentId,
      jobIds: options.jobIds,
      includeAdhocRuns: options.includeAdhocRuns,
      adhocJobNames: new Set(workspace.adhocJobNames),
    },
    reader: {
      client,
      translator: options.translator,
      manifests: new ManifestCache(options.manifestCacheSize),
      logger,
    },
    loops: { count: 0 },
    initialState: () => ({
      sensor: name,
      watermark: null,
      since: client.clock.now() - options.lookbackMs,
      reported: new Map(),
      cancelFloor: null,
      cancelled: new Map(),
    }),
    readState: (cursor) =>
      cursor === undefined || cursor === null ? context.initialState() : parseCursor(cursor, name),
  };

  async function tick(tickOptions: TickOptions = {}): Promise<TickResult> {
    const { signal, budgetMs } = tickOptions;
    if (budgetMs !== undefined && (typeof budgetMs !== "number" || !(budgetMs > 0))) {
      throw new DbtCloudSensorConfigError(
        "budgetMs",
        `${JSON.stringify(budgetMs)} is not a positive number of ms.`,
      );
    }
    const clock = client.clock;
    const state = context.readState(tickOptions.cursor);
    const started = clock.now();
    const deadline = budgetMs === undefined ? Number.POSITIVE_INFINITY : started + budgetMs;
    const unchanged = (): TickResult => ({
      runs: [],
      events: [],
      cursor: serializeCursor(state),
      complete: false,
    });
    if (signal?.aborted) return unchanged();

    let listing: Awaited<ReturnType<typeof listFinishedRuns>>;
    let cancelledListing: Awaited<ReturnType<typeof listCancelledWithoutFinish>>;
    const listingInput = {
      client,
      clock,
      logger,
      rules: context.rules,
      from: windowStart(state, options.overlapMs),
      isReported: (runId: number) => wasReported(state, runId),
      signal,
      deadline,
    };
    try {
      listing = await listFinishedRuns(listingInput);
      cancelledListing = listing.complete
        ? await listCancelledWithoutFinish({
            ...listingInput,
            floor: state.cancelFloor,
            maxListedId: listing.maxId,
          })
        : { candidates: [], nextFloor: null, complete: false, requests: 0 };
    } catch (error) {
      if (signal?.aborted || isAbortError(error)) return unchanged();
      throw error;
    }
    if (!listing.complete || !cancelledListing.complete) {
      logger.warn(
        `${name}: the tick's budget or signal ended it while listing runs (${listing.pages + cancelledListing.requests} request(s)); nothing reported. Give ticks a larger budgetMs.`,
      );
      return unchanged();
    }
    const candidates = [...listing.candidates, ...cancelledListing.candidates].sort(byFinish);

    const { prefix, error } = await orderedWork(
      candidates,
      options.concurrency,
      () => !signal?.aborted && clock.now() < deadline,
      (candidate) => readRun(context.reader, candidate, signal),
    );
    if (error !== undefined && !(signal?.aborted || isAbortError(error))) throw error;

    const next = cloneCursor(state);
    const runs: TickResult["runs"] = [];
    const events: TickResult["events"] = [];
    prefix.forEach((report: RunReport, index) => {
      const candidate = candidates[index];
      if (!candidate) return;
      (candidate.hasFinishedAt ? next.reported : next.cancelled).set(candidate.id, candidate.finishedAt);
      runs.push(report.run);
      for (const event of report.events) events.push(event);
    });
    const left = candidates.slice(prefix.length);
    const unreported = left[0];
    // The watermark waits for the first run left out that a finished-at listing shows; the cancel
    // floor for the first one only the cancelled listing shows.
    const unreportedFinished = left.find((c) => c.hasFinishedAt);
    const leftCancelled = left.filter((c) => !c.hasFinishedAt).map((c) => c.id);
    next.cancelFloor =
      cancelledListing.nextFloor === null || leftCancelled.length === 0
        ? cancelledListing.nextFloor
        : Math.min(cancelledListing.nextFloor, ...leftCancelled);
    // Without a floor the cancelled listing looks by time, inside the window: keep them in it.
    const watermarkHold = next.cancelFloor === null ? unreported : unreportedFinished;
    if (listing.maxFinishedAt !== undefined) {
      // Never past the listing's start (a run that shows up later finished after it minus the overlap),
      // nor past the latest finish the API showed (a fast local clock), nor so far that an unreported
      // run would fall out of the next window.
      const candidateWatermark = Math.min(
        started,
        listing.maxFinishedAt,
        watermarkHold ? watermarkHold.finishedAt + options.overlapMs : Number.POSITIVE_INFINITY,
      );
      next.watermark = Math.max(next.watermark ?? Number.NEGATIVE_INFINITY, candidateWatermark);
    }
    pruneReported(next, options.overlapMs);
    const complete = unreported === undefined;
    if (!complete) {
      logger.info(
        `${name}: tick stopped early after ${runs.length} of ${candidates.length} run(s); the cursor resumes at run ${unreported.id}.`,
      );
    } else if (runs.length > 0) {
      logger.info(`${name}: ${runs.length} finished run(s), ${events.length} event(s).`);
    }
    return { runs, events, cursor: serializeCursor(next), complete };
  }

  return {
    name,
    tick,
    run: (runOptions: RunOptions) => runLoop(context, tick, runOptions),
    handleWebhook: (webhook: WebhookInput): Promise<WebhookResult> => handleWebhookDelivery(context, webhook),
    processWebhook: (webhook: ProcessWebhookOptions): Promise<WebhookResult> =>
      processWebhookWithStore(context, webhook),
  };
}
