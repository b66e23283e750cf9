export { operations } from "./api/router.js";
export type { EmulatorClock } from "./clock.js";
export { createClock } from "./clock.js";
export { loadEmulatorConfigFile, parseEmulatorConfig } from "./config/parse-config.js";
export type {
  EmulatorConfig,
  EmulatorConfigInput,
  FaultSpec,
  FaultSpecInput,
  JobBehaviour,
  JobBehaviourInput,
  RetryNotSupportedReason,
} from "./config/schema.js";
export { emulatorConfigSchema } from "./config/schema.js";
export { EmulatorConfigError, EmulatorError } from "./errors.js";
export type { ActiveFault } from "./http/faults.js";
export type { RequestFilter, RequestLogEntry } from "./http/request-log.js";
export { generateProjectManifest } from "./manifest/generate-project.js";
export type { Manifest, ManifestNode } from "./manifest/types.js";
export type {
  Emulator,
  EmulatorFaults,
  EmulatorJobInfo,
  EmulatorJobs,
  EmulatorLogger,
  EmulatorRequests,
  EmulatorRunInfo,
  StartEmulatorOptions,
} from "./start-emulator.js";
export { startEmulator } from "./start-emulator.js";
export type {
  WebhookEventType,
  WebhookFaultInput,
  WebhookFaultSpec,
  WebhookSubscriptionInput,
} from "./webhooks/schema.js";
export { isLoopbackHost, webhookEventTypes } from "./webhooks/schema.js";
export { signWebhookBody } from "./webhooks/sign.js";
export { WEBHOOK_RETRY_DELAYS_SECONDS } from "./webhooks/webhook-dispatcher.js";
export type {
  ActiveWebhookFault,
  EmulatorWebhooks,
  WebhookDeliveryFilter,
  WebhookDeliveryRecord,
  WebhookSubscriptionInfo,
} from "./webhooks/webhook-types.js";
