// Adapter between the sensor and the webhook primitives in ./webhooks/ (signature check, event parsing).
import type { WebhookInput } from "./types.js";
import { headerValue } from "./webhooks/headers.js";
import { verifyDbtCloudWebhook } from "./webhooks/verify-webhook.js";

export interface DeliveredRunEvent {
  eventType: string;
  runId: number;
  accountId: number | undefined;
  environmentId: number | undefined;
  projectId: number | undefined;
  jobId: number | undefined;
}

/** Verifies the signature and parses the body (typed errors from ./webhooks on failure). */
export function verifyWebhookDelivery(
  input: Pick<WebhookInput, "rawBody" | "headers" | "secret">,
): DeliveredRunEvent {
  const event = verifyDbtCloudWebhook({
    rawBody: input.rawBody,
    authorization: headerValue(input.headers, "authorization"),
    secret: input.secret,
  });
  return {
    eventType: event.eventType,
    runId: event.runId,
    accountId: event.accountId,
    environmentId: event.environmentId,
    projectId: event.projectId,
    jobId: event.jobId,
  };
}
