export {
  DbtCloudWebhookBodyTooLargeError,
  DbtCloudWebhookError,
  DbtCloudWebhookPayloadError,
  DbtCloudWebhookSignatureError,
} from "./errors.js";
export type { WebhookHeaders } from "./headers.js";
export {
  DEFAULT_WEBHOOK_MAX_BODY_BYTES,
  type VerifyDbtCloudWebhookOptions,
  verifyDbtCloudWebhook,
} from "./verify-webhook.js";
export {
  DBT_CLOUD_WEBHOOK_EVENT_TYPES,
  type DbtCloudWebhookEvent,
  type DbtCloudWebhookEventType,
  type DbtCloudWebhookRunData,
  parseDbtCloudWebhookEvent,
} from "./webhook-event.js";
export {
  createWebhookHandler,
  type DbtCloudWebhookHandler,
  type WebhookDelivery,
  type WebhookHandlerBaseOptions,
  type WebhookHandlerEventOptions,
  type WebhookHandlerOptions,
  type WebhookHandlerSensorOptions,
  type WebhookResponse,
} from "./webhook-handler.js";
