import { DbtCloudNotFoundError, isTerminalStatus } from "@dbt-cloud-kit/client";
import { parseApiTime } from "./api-time.js";
import { cloneCursor, pruneReported, serializeCursor, wasReported, windowStart } from "./cursor.js";
import { DbtCloudSensorConfigError } from "./errors.js";
import type { SensorContext } from "./polling-sensor.js";
import { readRun } from "./run-reader.js";
import { candidateOf, outOfScope } from "./run-scope.js";
import { withStoreMutex } from "./store-mutex.js";
import type { ProcessWebhookOptions, WebhookInput, WebhookResult } from "./types.js";
import { verifyWebhookDelivery } from "./webhook-verify.js";

const REPORTED_EVENTS: ReadonlySet<string> = new Set(["job.run.completed", "job.run.errored"]);

/**
 * One signed delivery: verified first (a bad signature or body throws), then, for a completed or
 * errored run in scope that the cursor has not reported, the run and its artifacts are fetched and
 * reported. Everything else — other events, other scopes, redeliveries, runs polling already
 * covered — returns no runs and the cursor unchanged.
 */
export async function handleWebhookDelivery(
  context: SensorContext,
  input: WebhookInput,
): Promise<WebhookResult> {
  if (!input || typeof input !== "object") {
    throw new DbtCloudSensorConfigError("handleWebhook", "expects { rawBody, headers, secret, cursor }.");
  }
  const event = verifyWebhookDelivery(input);
  const { name, client, options, rules } = context;
  const { logger } = options;
  const state = context.readState(input.cursor);
  const nothing = (why: string): WebhookResult => {
    logger.debug(`${name}: webhook ${event.eventType} for run ${event.runId}: ${why}`);
    return { runs: [], events: [], cursor: serializeCursor(state) };
  };
  if (!REPORTED_EVENTS.has(event.eventType)) return nothing("not a run completion event");
  if (event.accountId !== undefined && event.accountId !== client.credentials.accountId) {
    return nothing(`account ${event.accountId} is not this sensor's`);
  }
  if (event.projectId !== undefined && event.projectId !== rules.projectId) {
    return nothing(`project ${event.projectId} is not this sensor's`);
  }
  if (event.environmentId !== undefined && event.environmentId !== rules.environmentId) {
    return nothing(`environment ${event.environmentId} is not this sensor's`);
  }
  if (event.jobId !== undefined && rules.jobIds && !rules.jobIds.has(event.jobId)) {
    return nothing(`job ${event.jobId} is not in jobIds`);
  }
  if (wasReported(state, event.runId)) return nothing("already reported");

  let run: Awaited<ReturnType<typeof client.getRun>>;
  try {
    run = await client.getRun(event.runId, { includeRelated: ["job", "run_steps"], signal: input.signal });
  } catch (error) {
    if (error instanceof DbtCloudNotFoundError) return nothing("the run does not exist (for this token)");
    throw error;
  }
  const reason = outOfScope(run, rules);
  if (reason !== undefined) {
    const unfinished = !isTerminalStatus(run.status) || parseApiTime(run.finished_at) === undefined;
    return nothing(
      unfinished
        ? "the API does not show it finished yet; polling will report it"
        : `out of scope: ${reason}`,
    );
  }
  const finishedAt = parseApiTime(run.finished_at) as number;
  // Before the window: polling has already covered that stretch (reported, or out of scope).
  if (finishedAt < windowStart(state, options.overlapMs))
    return nothing("finished before the cursor's window");

  const report = await readRun(context.reader, candidateOf(run), input.signal, run);
  const next = cloneCursor(state);
  next.reported.set(run.id, finishedAt);
  pruneReported(next, options.overlapMs);
  logger.info(`${name}: run ${run.id} reported from a webhook (${report.events.length} event(s)).`);
  return { runs: [report.run], events: report.events, cursor: serializeCursor(next) };
}

/**
 * `handleWebhookDelivery` against a store: under this process's store mutex and the replicas' lease,
 * `onTick` before the compare-and-set commit (at-least-once across crashes, exactly-once otherwise).
 * Without the lease (another replica polls) the delivery is verified and left to that replica.
 */
export async function processWebhookWithStore(
  context: SensorContext,
  options: ProcessWebhookOptions,
): Promise<WebhookResult> {
  const { store, onTick } = options ?? ({} as ProcessWebhookOptions);
  if (typeof store?.load !== "function" || typeof store.acquireLease !== "function") {
    throw new DbtCloudSensorConfigError(
      "store",
      "is not a CursorStore; pass the store your run() loop uses.",
    );
  }
  if (typeof onTick !== "function") {
    throw new DbtCloudSensorConfigError(
      "onTick",
      "is missing; pass a function that receives the webhook's runs and events.",
    );
  }
  const { name, owner, client } = context;
  const { logger, intervalMs } = context.options;
  return withStoreMutex(store, async () => {
    const ttlMs = Math.max(60_000, 4 * intervalMs);
    const loopHoldsLease = context.loops.count > 0;
    if (!(await store.acquireLease({ owner, ttlMs, now: client.clock.now() }))) {
      verifyWebhookDelivery(options);
      logger.info(`${name}: another replica holds the lease; its polling reports this run.`);
      const { cursor } = await store.load();
      return { runs: [], events: [], cursor: cursor ?? serializeCursor(context.initialState()) };
    }
    try {
      const loaded = await store.load();
      const result = await handleWebhookDelivery(context, { ...options, cursor: loaded.cursor });
      if (result.runs.length === 0) return result;
      await onTick(result);
      const saved = await store.save(result.cursor, loaded.version);
      if (!saved.ok) {
        logger.warn(
          `${name}: the cursor changed in the store while a webhook was handled; its cursor was not saved.`,
        );
      }
      return result;
    } finally {
      if (!loopHoldsLease) await store.releaseLease(owner).catch(() => undefined);
    }
  });
}
