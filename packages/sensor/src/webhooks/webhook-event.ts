import { DbtCloudWebhookPayloadError } from "./errors.js";

/** The job events dbt Cloud delivers ("Webhooks for your jobs"). */
export const DBT_CLOUD_WEBHOOK_EVENT_TYPES = [
  "job.run.started",
  "job.run.completed",
  "job.run.errored",
] as const;
export type DbtCloudWebhookEventType = (typeof DBT_CLOUD_WEBHOOK_EVENT_TYPES)[number];

/** `data` of a job event. dbt Cloud sends the ids as strings; they are numbers here. */
export interface DbtCloudWebhookRunData {
  runId: number;
  jobId: number;
  jobName: string | undefined;
  environmentId: number | undefined;
  environmentName: string | undefined;
  projectId: number | undefined;
  projectName: string | undefined;
  dbtVersion: string | undefined;
  /** "Running", "Success", "Error", "Cancelled", or "Errored" in `job.run.errored`. */
  runStatus: string | undefined;
  /** 3 running, 10 success, 20 error, 30 cancelled. */
  runStatusCode: number | undefined;
  /** undefined when dbt Cloud sent none (it writes the string "None"). */
  runStatusMessage: string | undefined;
  runReason: string | undefined;
  /** ISO 8601 as sent, e.g. 2023-01-31T19:28:07Z. */
  runStartedAt: string | undefined;
  /** `job.run.completed` only. */
  runFinishedAt: string | undefined;
  /** `job.run.errored` only. */
  runErroredAt: string | undefined;
}

/** A verified dbt Cloud job event. The run, job and scope ids are repeated at the top for convenience. */
export interface DbtCloudWebhookEvent {
  eventType: DbtCloudWebhookEventType;
  /** `wev_…`: the same for every retry of a delivery, so receivers deduplicate on it. */
  eventId: string;
  accountId: number;
  /** The subscription's id (`webhooksID`, `wsu_…`). */
  webhookId: string | undefined;
  webhookName: string | undefined;
  /** When dbt Cloud created the event (ISO 8601 as sent). */
  timestamp: string | undefined;
  runId: number;
  jobId: number;
  environmentId: number | undefined;
  projectId: number | undefined;
  runStatusCode: number | undefined;
  data: DbtCloudWebhookRunData;
}

const KNOWN: ReadonlySet<string> = new Set(DBT_CLOUD_WEBHOOK_EVENT_TYPES);

/** A short, escaped rendering of an untrusted value for an error message. */
function show(value: unknown): string {
  if (value === undefined) return "nothing";
  let text: string;
  try {
    text = JSON.stringify(value) ?? typeof value;
  } catch {
    text = typeof value;
  }
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Reads an own property only (never one inherited from Object.prototype). */
function own(record: Record<string, unknown>, key: string): unknown {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

const DIGITS = /^[1-9][0-9]{0,15}$/;

function idOrUndefined(value: unknown, field: string, what: string): number | undefined {
  if (value === undefined || value === null || value === "") return undefined;
  const n =
    typeof value === "number"
      ? value
      : typeof value === "string" && DIGITS.test(value)
        ? Number(value)
        : Number.NaN;
  if (!Number.isSafeInteger(n) || n <= 0) {
    throw new DbtCloudWebhookPayloadError(
      "invalid",
      field,
      `expected the ${what} id as a positive integer (or a string of digits, as dbt Cloud sends it), got ${show(value)}.`,
    );
  }
  return n;
}

function requiredId(value: unknown, field: string, what: string): number {
  const id = idOrUndefined(value, field, what);
  if (id === undefined) {
    throw new DbtCloudWebhookPayloadError(
      "invalid",
      field,
      `is missing; every dbt Cloud job event carries the ${what} id.`,
    );
  }
  return id;
}

const text = (value: unknown): string | undefined => (typeof value === "string" ? value : undefined);

function statusCode(value: unknown): number | undefined {
  if (typeof value === "number" && Number.isSafeInteger(value)) return value;
  if (typeof value === "string" && /^[0-9]{1,3}$/.test(value)) return Number(value);
  return undefined;
}

/**
 * Reads a parsed webhook body into a typed event. Lenient where dbt Cloud varies (ids as strings or
 * numbers, extra or missing informational fields, fields added later), strict where a consumer
 * depends on it: the event type must be known, and the event id, account, run and job ids present.
 */
export function parseDbtCloudWebhookEvent(body: unknown): DbtCloudWebhookEvent {
  if (!isRecord(body)) {
    throw new DbtCloudWebhookPayloadError(
      "invalid",
      undefined,
      `the body is not a JSON object (got ${show(body)}).`,
    );
  }
  const eventType = own(body, "eventType");
  if (typeof eventType !== "string" || !KNOWN.has(eventType)) {
    throw new DbtCloudWebhookPayloadError(
      "unknown-event",
      "eventType",
      `${show(eventType)} is not a dbt Cloud job event; expected one of ${DBT_CLOUD_WEBHOOK_EVENT_TYPES.join(", ")}.`,
    );
  }
  const eventId = own(body, "eventId");
  if (typeof eventId !== "string" || eventId.length === 0 || eventId.length > 200) {
    throw new DbtCloudWebhookPayloadError(
      "invalid",
      "eventId",
      `expected the event's id (e.g. "wev_2L6Z…"), got ${show(eventId)}.`,
    );
  }
  const accountId = requiredId(own(body, "accountId"), "accountId", "account");
  const data = own(body, "data");
  if (!isRecord(data)) {
    throw new DbtCloudWebhookPayloadError(
      "invalid",
      "data",
      `expected the run's details as an object, got ${show(data)}.`,
    );
  }
  const message = text(own(data, "runStatusMessage"));
  const run: DbtCloudWebhookRunData = {
    runId: requiredId(own(data, "runId"), "data.runId", "run"),
    jobId: requiredId(own(data, "jobId"), "data.jobId", "job"),
    jobName: text(own(data, "jobName")),
    environmentId: idOrUndefined(own(data, "environmentId"), "data.environmentId", "environment"),
    environmentName: text(own(data, "environmentName")),
    projectId: idOrUndefined(own(data, "projectId"), "data.projectId", "project"),
    projectName: text(own(data, "projectName")),
    dbtVersion: text(own(data, "dbtVersion")),
    runStatus: text(own(data, "runStatus")),
    runStatusCode: statusCode(own(data, "runStatusCode")),
    runStatusMessage: message === "None" ? undefined : message,
    runReason: text(own(data, "runReason")),
    runStartedAt: text(own(data, "runStartedAt")),
    runFinishedAt: text(own(data, "runFinishedAt")),
    runErroredAt: text(own(data, "runErroredAt")),
  };
  return {
    eventType: eventType as DbtCloudWebhookEventType,
    eventId,
    accountId,
    webhookId: text(own(body, "webhooksID")) ?? text(own(body, "webhookId")),
    webhookName: text(own(body, "webhookName")),
    timestamp: text(own(body, "timestamp")),
    runId: run.runId,
    jobId: run.jobId,
    environmentId: run.environmentId,
    projectId: run.projectId,
    runStatusCode: run.runStatusCode,
    data: run,
  };
}
