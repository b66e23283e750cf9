// Adapter between the sensor and the webhook primitives in ./webhooks/ (signature check, event parsing).
// TEMP until ./webhooks lands.
const verifyDbtCloudWebhook = (_: {
  rawBody: unknown;
  authorization: string | undefined;
  secret: string;
}): {
  eventType: string;
  runId: number;
  accountId: number;
  environmentId: number;
  jobId: number;
} => {
  throw new Error("webhooks not available yet");
};

import type { WebhookInput } from "./types.js";

export interface DeliveredRunEvent {
  eventType: string;
  runId: number;
  accountId: number | undefined;
  environmentId: number | undefined;
  jobId: number | undefined;
}

function headerOf(headers: WebhookInput["headers"], name: string): string | undefined {
  if (typeof Headers !== "undefined" && headers instanceof Headers) return headers.get(name) ?? undefined;
  const record = headers as Record<string, string | readonly string[] | undefined>;
  for (const key of Object.keys(record ?? {})) {
    if (key.toLowerCase() !== name) continue;
    const value = record[key];
    return Array.isArray(value) ? (value[0] as string | undefined) : (value as string | undefined);
  }
  return undefined;
}

/** Verifies the signature and parses the body (typed errors from ./webhooks on failure). */
export function verifyWebhookDelivery(
  input: Pick<WebhookInput, "rawBody" | "headers" | "secret">,
): DeliveredRunEvent {
  const event = verifyDbtCloudWebhook({
    rawBody: input.rawBody,
    authorization: headerOf(input.headers, "authorization"),
    secret: input.secret,
  });
  return {
    eventType: event.eventType,
    runId: event.runId,
    accountId: event.accountId,
    environmentId: event.environmentId,
    jobId: event.jobId,
  };
}
