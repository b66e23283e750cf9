import { DbtCloudSensorError } from "../errors.js";

/**
 * Base class of the errors a webhook delivery can fail with. `status` is what a receiver should answer
 * (401 bad signature, 400 unknown body, 413 too large), so frameworks can map errors to responses.
 */
export class DbtCloudWebhookError extends DbtCloudSensorError {
  override name = "DbtCloudWebhookError";
  readonly status: 400 | 401 | 413;

  constructor(message: string, status: 400 | 401 | 413, options?: { cause?: unknown }) {
    super(message, options);
    this.status = status;
  }
}

/**
 * The `Authorization` header is missing, is not a hex HMAC-SHA256, or does not match the body under
 * the secret (a forged, tampered or misrouted delivery, or the wrong secret).
 */
export class DbtCloudWebhookSignatureError extends DbtCloudWebhookError {
  override name = "DbtCloudWebhookSignatureError";
  readonly reason: "missing" | "malformed" | "mismatch";

  constructor(reason: "missing" | "malformed" | "mismatch") {
    super(
      reason === "missing"
        ? "dbt Cloud webhook: no Authorization header. dbt Cloud signs every delivery there; an unsigned request did not come from dbt Cloud (or a proxy dropped the header)."
        : reason === "malformed"
          ? "dbt Cloud webhook: the Authorization header is not a hex HMAC-SHA256 signature (64 hex characters)."
          : "dbt Cloud webhook: the signature does not match the body. Check that the secret is the webhook's (dbt Cloud shows it once, when the webhook is created) and that the body is verified exactly as received, before any JSON parsing.",
      401,
    );
    this.reason = reason;
  }
}

/** The body is signed correctly but is not JSON, not a dbt Cloud job event, or misses a field it needs. */
export class DbtCloudWebhookPayloadError extends DbtCloudWebhookError {
  override name = "DbtCloudWebhookPayloadError";
  readonly reason: "not-json" | "invalid" | "unknown-event";
  /** The offending field, e.g. `data.runId` (undefined for a body that is not JSON). */
  readonly field: string | undefined;

  constructor(
    reason: "not-json" | "invalid" | "unknown-event",
    field: string | undefined,
    problem: string,
    options?: { cause?: unknown },
  ) {
    super(`dbt Cloud webhook: ${field ? `${field}: ` : ""}${problem}`, 400, options);
    this.reason = reason;
    this.field = field;
  }
}

/** The body is larger than the limit; nothing of it was parsed. */
export class DbtCloudWebhookBodyTooLargeError extends DbtCloudWebhookError {
  override name = "DbtCloudWebhookBodyTooLargeError";
  readonly limitBytes: number;

  constructor(limitBytes: number, sizeBytes?: number) {
    super(
      `dbt Cloud webhook: the body${sizeBytes === undefined ? "" : ` (${sizeBytes} bytes)`} is larger than the ${limitBytes}-byte limit (maxBodyBytes). dbt Cloud's job events are a few KB.`,
      413,
    );
    this.limitBytes = limitBytes;
  }
}
