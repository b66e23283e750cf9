import type {
  WebhookEventType,
  WebhookFaultInput,
  WebhookFaultSpec,
  WebhookSubscriptionInput,
} from "./schema.js";

/** A subscription as the emulator holds it (the secret is the HMAC key receivers verify with). */
export interface WebhookSubscriptionInfo {
  /** `wsu_…`, sent as `webhooksID` in each payload. */
  id: string;
  url: string;
  secret: string;
  name: string;
  eventTypes: WebhookEventType[];
  /** Empty: every job. */
  jobIds: number[];
  accountId: number | undefined;
  timeoutMs: number;
  active: boolean;
}

export interface ActiveWebhookFault extends WebhookFaultSpec {
  id: number;
  /** Deliveries still to affect. */
  remaining: number;
  /** Deliveries affected so far. */
  hits: number;
}

/** One line of the delivery log: an attempt, or a delivery that a `drop` fault swallowed. */
export interface WebhookDeliveryRecord {
  seq: number;
  /** The same for every attempt of one delivery; a duplicate is a delivery of its own. */
  deliveryId: number;
  subscriptionId: string;
  eventId: string;
  eventType: WebhookEventType;
  runId: number;
  jobId: number;
  /** 1 for the first attempt; dbt Cloud retries five times, so at most 6. 0 for a dropped delivery. */
  attempt: number;
  /** Emulated time of the attempt (ISO-8601). */
  emulatedAt: string;
  outcome: "delivered" | "failed" | "dropped";
  /** The receiver's HTTP status, when it answered. */
  status?: number;
  /** Why the attempt failed: `HTTP 500`, `no response within 10000 ms`, `ECONNREFUSED`, … */
  error?: string;
  /** Emulated time of the next attempt when this one failed and retries remain. */
  nextAttemptAt?: string;
  /** The fault that affected the delivery, if any. */
  fault?: "drop" | "duplicate" | "delay";
  /** The exact body sent (signed as is); it never contains the secret. */
  body: string;
  durationMs: number;
}

export interface WebhookDeliveryFilter {
  subscriptionId?: string;
  eventType?: WebhookEventType;
  runId?: number;
  outcome?: WebhookDeliveryRecord["outcome"];
}

/** `emulator.webhooks`: subscriptions, the delivery log and delivery faults. */
export interface EmulatorWebhooks {
  list(): WebhookSubscriptionInfo[];
  /** Subscribes a loopback endpoint; throws EmulatorConfigError naming a bad field. */
  add(subscription: WebhookSubscriptionInput): WebhookSubscriptionInfo;
  remove(id: string): boolean;
  /** The delivery log, oldest first (the newest 10,000 attempts). */
  deliveries(filter?: WebhookDeliveryFilter): WebhookDeliveryRecord[];
  faults: {
    add(spec: WebhookFaultInput): ActiveWebhookFault;
    list(): readonly ActiveWebhookFault[];
    remove(id: number): boolean;
    clear(): void;
  };
  /**
   * Resolves once every delivery due at the current emulated time has been attempted and answered (or
   * timed out). With a virtual clock: advance the clock, then `await settled()` before asserting.
   */
  settled(): Promise<void>;
}
