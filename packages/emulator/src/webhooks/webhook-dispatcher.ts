import { isTerminalStatus, RunStatus } from "@dbt-cloud-kit/client";
import type { EmulatorClock } from "../clock.js";
import { wallMsUntil } from "../clock.js";
import { EmulatorConfigError } from "../errors.js";
import type { EmulatorState } from "../state/emulator-state.js";
import type { RunRecord, RunTimeline } from "../state/run-model.js";
import { prefixedId } from "./ids.js";
import { buildWebhookPayload } from "./payload.js";
import { postWebhook } from "./post-webhook.js";
import type {
  WebhookEventType,
  WebhookFaultInput,
  WebhookSubscriptionConfig,
  WebhookSubscriptionInput,
} from "./schema.js";
import { webhookFaultSchema, webhookSubscriptionSchema } from "./schema.js";
import { signWebhookBody } from "./sign.js";
import type {
  ActiveWebhookFault,
  EmulatorWebhooks,
  WebhookDeliveryFilter,
  WebhookDeliveryRecord,
  WebhookSubscriptionInfo,
} from "./webhook-types.js";

/**
 * Emulated seconds between a failed attempt and the next one. dbt Cloud retries each event five times;
 * it does not document its intervals, so the emulator backs off exponentially.
 */
export const WEBHOOK_RETRY_DELAYS_SECONDS: readonly number[] = [10, 20, 40, 80, 160];

const LOG_LIMIT = 10_000;
/** While runs are in flight on a real clock, how often (wall ms) to look for starts and finishes. */
const RUN_WATCH_MS = 50;

interface Delivery {
  id: number;
  seq: number;
  eventId: string;
  type: WebhookEventType;
  runId: number;
  jobId: number;
  body: string;
  dueAt: number;
  attempts: number;
  fault: "duplicate" | "delay" | undefined;
}

interface Subscription {
  info: WebhookSubscriptionInfo;
  queue: Delivery[];
  busy: boolean;
}

const iso = (ms: number) => new Date(ms).toISOString();

/** zod issues as "field: problem" lines, e.g. `webhooks[0].jobIds[1]: must be a positive integer job id`. */
function configError(
  error: { issues: ReadonlyArray<{ path: PropertyKey[]; message: string }> },
  prefix: string,
): EmulatorConfigError {
  const where = (path: PropertyKey[]) =>
    prefix + path.map((p) => (typeof p === "number" ? `[${p}]` : `.${String(p)}`)).join("");
  return new EmulatorConfigError(
    error.issues.map((i) => `${where(i.path)}: ${i.message}`),
    { cause: error },
  );
}

/**
 * Delivers dbt Cloud's job webhooks from the emulator. Nothing runs in the background for the API,
 * but webhooks are pushed: the dispatcher looks at the runs in flight whenever a run is triggered or
 * cancelled and whenever the clock moves (an `advance`, or a short wall-clock timer on a real clock),
 * and posts each event that has happened since, signed with the subscription's secret. Each
 * subscription is one ordered queue; a failed attempt (non-2xx, network error, no answer within
 * `timeoutMs`) is retried after the next delay of WEBHOOK_RETRY_DELAYS_SECONDS on the emulator's clock.
 */
export class WebhookDispatcher {
  private readonly subscriptions = new Map<string, Subscription>();
  private readonly faults: ActiveWebhookFault[] = [];
  private readonly pending = new Map<number, { run: RunRecord; startedSent: boolean }>();
  private readonly log: WebhookDeliveryRecord[] = [];
  private waiters: Array<() => void> = [];
  private readonly abort = new AbortController();
  private timer: NodeJS.Timeout | undefined;
  private nextFaultId = 1;
  private nextDeliveryId = 1;
  private nextSeq = 1;
  private nextLogSeq = 1;
  private closed = false;

  constructor(
    private readonly state: EmulatorState,
    private readonly clock: EmulatorClock,
    config: { webhooks: readonly WebhookSubscriptionInput[]; webhookFaults: readonly WebhookFaultInput[] },
    private readonly onError: (error: unknown) => void = () => {},
  ) {
    for (const [i, s] of config.webhooks.entries()) this.addSubscription(s, `webhooks[${i}]`);
    for (const [i, f] of config.webhookFaults.entries()) this.addFault(f, `webhookFaults[${i}]`);
  }

  /** The public `emulator.webhooks` surface. */
  api(): EmulatorWebhooks {
    return {
      list: () =>
        [...this.subscriptions.values()].map((s) => ({
          ...s.info,
          eventTypes: [...s.info.eventTypes],
          jobIds: [...s.info.jobIds],
        })),
      add: (subscription) => ({ ...this.addSubscription(subscription, "webhook") }),
      remove: (id) => this.subscriptions.delete(id),
      deliveries: (filter) => this.deliveries(filter),
      faults: {
        add: (spec) => this.addFault(spec, "webhookFault"),
        list: () => this.faults,
        remove: (id) => {
          const index = this.faults.findIndex((f) => f.id === id);
          if (index >= 0) this.faults.splice(index, 1);
          return index >= 0;
        },
        clear: () => {
          this.faults.length = 0;
        },
      },
      settled: () => this.settled(),
    };
  }

  /** Called by the state when a run is triggered or cancelled. */
  runChanged(run: RunRecord): void {
    if (this.closed || this.subscriptions.size === 0) return;
    if (!this.pending.has(run.id) && !run.settled) this.pending.set(run.id, { run, startedSent: false });
    this.check();
  }

  /** Emits every event that has happened by now, then sends what is due. */
  check(): void {
    if (this.closed) return;
    try {
      const now = this.clock.now();
      for (const [id, entry] of this.pending) {
        const timeline = this.state.timeline(entry.run, now);
        if (!entry.startedSent && timeline.startedAt !== undefined) {
          entry.startedSent = true;
          this.emit(entry.run, timeline, "job.run.started", timeline.startedAt);
        }
        if (timeline.finishedAt !== undefined && isTerminalStatus(timeline.status)) {
          this.pending.delete(id);
          // dbt Cloud sends `errored` at once and `completed` after the artifacts are ingested.
          if (timeline.status === RunStatus.Error) {
            this.emit(entry.run, timeline, "job.run.errored", timeline.finishedAt);
          }
          this.emit(entry.run, timeline, "job.run.completed", timeline.finishedAt);
        }
      }
      this.pump();
    } catch (error) {
      this.onError(error);
    }
    this.schedule();
    this.notify();
  }

  close(): void {
    this.closed = true;
    this.abort.abort();
    if (this.timer) clearTimeout(this.timer);
    for (const resolve of this.waiters.splice(0)) resolve();
  }

  private addSubscription(input: WebhookSubscriptionInput, field: string): WebhookSubscriptionInfo {
    const parsed = webhookSubscriptionSchema.safeParse(input);
    if (!parsed.success) throw configError(parsed.error, field);
    const config: WebhookSubscriptionConfig = parsed.data;
    const problems: string[] = [];
    if (config.accountId !== undefined && !this.state.accounts.has(config.accountId)) {
      problems.push(
        `${field}.accountId: no account ${config.accountId}. Use one of ${[...this.state.accounts.keys()].join(", ")} or leave it out.`,
      );
    }
    config.jobIds.forEach((jobId, j) => {
      if (!this.state.jobs.has(jobId)) {
        problems.push(
          `${field}.jobIds[${j}]: no job ${jobId}. Use one of ${[...this.state.jobs.keys()].join(", ")}, or [] for every job.`,
        );
      }
    });
    if (problems.length > 0) throw new EmulatorConfigError(problems);
    const info: WebhookSubscriptionInfo = {
      id: prefixedId("wsu"),
      url: config.url,
      secret: config.secret ?? prefixedId("whsec").slice(6),
      name: config.name,
      eventTypes: [...new Set(config.eventTypes)],
      jobIds: config.jobIds,
      accountId: config.accountId,
      timeoutMs: config.timeoutMs,
      active: config.active,
    };
    if (this.subscriptions.size === 0) this.trackRunsInFlight();
    this.subscriptions.set(info.id, { info, queue: [], busy: false });
    return info;
  }

  /**
   * Runs are only watched while someone subscribes; the first subscription starts watching the runs
   * already in flight, from their next event on (a start that already happened is not sent late).
   */
  private trackRunsInFlight(): void {
    const now = this.clock.now();
    for (const run of this.state.runs.values()) {
      if (run.settled || this.pending.has(run.id)) continue;
      const timeline = this.state.timeline(run, now);
      if (timeline.finishedAt !== undefined) continue;
      this.pending.set(run.id, { run, startedSent: timeline.startedAt !== undefined });
    }
  }

  private addFault(input: WebhookFaultInput, field: string): ActiveWebhookFault {
    const parsed = webhookFaultSchema.safeParse(input);
    if (!parsed.success) throw configError(parsed.error, field);
    if (parsed.data.kind === "delay" && parsed.data.delaySeconds === undefined) {
      throw new EmulatorConfigError([`${field}.delaySeconds: a "delay" fault needs delaySeconds, e.g. 30.`]);
    }
    const fault: ActiveWebhookFault = {
      ...parsed.data,
      id: this.nextFaultId++,
      remaining: parsed.data.count,
      hits: 0,
    };
    this.faults.push(fault);
    return fault;
  }

  private takeFault(
    subscriptionId: string,
    type: WebhookEventType,
    run: RunRecord,
  ): ActiveWebhookFault | undefined {
    const fault = this.faults.find(
      (f) =>
        f.remaining > 0 &&
        (f.subscriptionId === undefined || f.subscriptionId === subscriptionId) &&
        (f.eventTypes === undefined || f.eventTypes.includes(type)) &&
        (f.jobIds === undefined || f.jobIds.includes(run.jobId)) &&
        (f.runIds === undefined || f.runIds.includes(run.id)),
    );
    if (!fault) return undefined;
    fault.remaining--;
    fault.hits++;
    return fault;
  }

  private emit(run: RunRecord, timeline: RunTimeline, type: WebhookEventType, at: number): void {
    for (const sub of this.subscriptions.values()) {
      const { info } = sub;
      if (!info.active || !info.eventTypes.includes(type)) continue;
      if (info.accountId !== undefined && info.accountId !== run.accountId) continue;
      if (info.jobIds.length > 0 && !info.jobIds.includes(run.jobId)) continue;
      const eventId = prefixedId("wev");
      const payload = buildWebhookPayload({
        state: this.state,
        run,
        timeline,
        type,
        at,
        eventId,
        subscription: info,
      });
      const delivery: Delivery = {
        id: this.nextDeliveryId++,
        seq: this.nextSeq++,
        eventId,
        type,
        runId: run.id,
        jobId: run.jobId,
        body: JSON.stringify(payload),
        dueAt: at,
        attempts: 0,
        fault: undefined,
      };
      const fault = this.takeFault(info.id, type, run);
      if (fault?.kind === "drop") {
        this.record(info.id, delivery, { outcome: "dropped", fault: "drop", durationMs: 0 });
        continue;
      }
      if (fault?.kind === "delay") {
        delivery.dueAt += (fault.delaySeconds ?? 0) * 1000;
        delivery.fault = "delay";
      }
      sub.queue.push(delivery);
      if (fault?.kind === "duplicate") {
        delivery.fault = "duplicate";
        sub.queue.push({ ...delivery, id: this.nextDeliveryId++, seq: this.nextSeq++ });
      }
    }
  }

  /** Starts the next due delivery of every idle subscription. */
  private pump(): void {
    const now = this.clock.now();
    for (const sub of this.subscriptions.values()) {
      if (sub.busy) continue;
      const next = this.nextDue(sub, now);
      if (next) void this.attempt(sub, next);
    }
  }

  private nextDue(sub: Subscription, now: number): Delivery | undefined {
    let best: Delivery | undefined;
    for (const d of sub.queue) {
      if (d.dueAt <= now && (!best || d.dueAt < best.dueAt || (d.dueAt === best.dueAt && d.seq < best.seq)))
        best = d;
    }
    return best;
  }

  private async attempt(sub: Subscription, delivery: Delivery): Promise<void> {
    try {
      await this.send(sub, delivery);
    } catch (error) {
      sub.busy = false;
      this.onError(error);
    }
  }

  private async send(sub: Subscription, delivery: Delivery): Promise<void> {
    sub.busy = true;
    delivery.attempts++;
    const outcome = await postWebhook({
      url: sub.info.url,
      body: delivery.body,
      headers: {
        "content-type": "application/json",
        authorization: signWebhookBody(delivery.body, sub.info.secret),
        "user-agent": "dbt-cloud-kit-emulator-webhooks",
      },
      timeoutMs: sub.info.timeoutMs,
      signal: this.abort.signal,
    });
    sub.busy = false;
    if (this.closed) return;
    const retryDelay = WEBHOOK_RETRY_DELAYS_SECONDS[delivery.attempts - 1];
    if (outcome.ok || retryDelay === undefined) {
      sub.queue.splice(sub.queue.indexOf(delivery), 1);
    } else {
      delivery.dueAt = this.clock.now() + retryDelay * 1000;
    }
    this.record(sub.info.id, delivery, {
      outcome: outcome.ok ? "delivered" : "failed",
      ...(outcome.status !== undefined ? { status: outcome.status } : {}),
      ...(!outcome.ok ? { error: outcome.error } : {}),
      ...(!outcome.ok && retryDelay !== undefined ? { nextAttemptAt: iso(delivery.dueAt) } : {}),
      ...(delivery.fault ? { fault: delivery.fault } : {}),
      durationMs: outcome.durationMs,
    });
    this.check();
  }

  private record(
    subscriptionId: string,
    delivery: Delivery,
    result: Pick<
      WebhookDeliveryRecord,
      "outcome" | "status" | "error" | "nextAttemptAt" | "fault" | "durationMs"
    >,
  ): void {
    this.log.push({
      seq: this.nextLogSeq++,
      deliveryId: delivery.id,
      subscriptionId,
      eventId: delivery.eventId,
      eventType: delivery.type,
      runId: delivery.runId,
      jobId: delivery.jobId,
      attempt: delivery.attempts,
      emulatedAt: iso(this.clock.now()),
      body: delivery.body,
      ...result,
    });
    if (this.log.length > LOG_LIMIT) this.log.splice(0, this.log.length - LOG_LIMIT);
  }

  private deliveries(filter: WebhookDeliveryFilter = {}): WebhookDeliveryRecord[] {
    return this.log
      .filter(
        (r) =>
          (filter.subscriptionId === undefined || r.subscriptionId === filter.subscriptionId) &&
          (filter.eventType === undefined || r.eventType === filter.eventType) &&
          (filter.runId === undefined || r.runId === filter.runId) &&
          (filter.outcome === undefined || r.outcome === filter.outcome),
      )
      .map((r) => ({ ...r }));
  }

  /** On a real clock, wakes up when the next delivery is due or, while runs are in flight, shortly. */
  private schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.closed || this.clock.speed <= 0) return;
    let wait = this.pending.size > 0 ? RUN_WATCH_MS : Number.POSITIVE_INFINITY;
    for (const sub of this.subscriptions.values()) {
      if (sub.busy) continue;
      for (const d of sub.queue) wait = Math.min(wait, wallMsUntil(this.clock, d.dueAt));
    }
    if (!Number.isFinite(wait)) return;
    this.timer = setTimeout(() => this.check(), Math.min(Math.max(wait, 1), 60_000));
    this.timer.unref();
  }

  private idle(): boolean {
    const now = this.clock.now();
    for (const sub of this.subscriptions.values()) {
      if (sub.busy || this.nextDue(sub, now)) return false;
    }
    return true;
  }

  private notify(): void {
    if (this.waiters.length === 0 || !(this.closed || this.idle())) return;
    for (const resolve of this.waiters.splice(0)) resolve();
  }

  private settled(): Promise<void> {
    return new Promise<void>((resolve) => {
      this.waiters.push(resolve);
      this.check();
    });
  }
}
