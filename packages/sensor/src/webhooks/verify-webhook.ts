import { createHmac, timingSafeEqual } from "node:crypto";
import { DbtCloudSensorConfigError } from "../errors.js";
import {
  DbtCloudWebhookBodyTooLargeError,
  DbtCloudWebhookPayloadError,
  DbtCloudWebhookSignatureError,
} from "./errors.js";
import { type DbtCloudWebhookEvent, parseDbtCloudWebhookEvent } from "./webhook-event.js";

/** Default body limit: dbt Cloud's job events are a few KB; a long error message stays far below this. */
export const DEFAULT_WEBHOOK_MAX_BODY_BYTES = 1024 * 1024;

export interface VerifyDbtCloudWebhookOptions {
  /** The body exactly as received. Prefer the bytes (Buffer/Uint8Array): a string is UTF-8 encoded again. */
  rawBody: string | Uint8Array;
  /** The request's `Authorization` header: dbt Cloud's hex HMAC-SHA256 of the body. */
  authorization: string | null | undefined;
  /** The webhook's secret, or several while rotating (any one may match). */
  secret: string | readonly string[];
  /** Larger bodies are refused before hashing (default 1 MiB). */
  maxBodyBytes?: number | undefined;
}

const HEX_SHA256 = /^[0-9a-fA-F]{64}$/;

/** The secrets to try; a missing or empty one is a config error (never echoing what was given). */
export function secretsOf(secret: VerifyDbtCloudWebhookOptions["secret"]): string[] {
  const list = typeof secret === "string" ? [secret] : Array.isArray(secret) ? [...secret] : [];
  if (list.length === 0 || list.some((s) => typeof s !== "string" || s.length === 0)) {
    throw new DbtCloudSensorConfigError(
      "secret",
      "must be the webhook's secret from dbt Cloud (a non-empty string), or a non-empty list of them while rotating.",
    );
  }
  return list;
}

function bodyBytes(rawBody: unknown): Buffer {
  if (typeof rawBody === "string") return Buffer.from(rawBody, "utf8");
  if (rawBody instanceof Uint8Array)
    return Buffer.from(rawBody.buffer, rawBody.byteOffset, rawBody.byteLength);
  throw new DbtCloudSensorConfigError(
    "rawBody",
    `must be the request body as received (a Buffer, Uint8Array or string), got ${rawBody === null ? "null" : typeof rawBody}. Read the raw body before any JSON middleware parses it.`,
  );
}

/**
 * Checks a delivery's signature and returns the secret that matched. Constant-time: the header is
 * decoded to 32 bytes and compared with `timingSafeEqual` against the HMAC under each secret.
 */
export function matchWebhookSecret(options: VerifyDbtCloudWebhookOptions): { body: Buffer; secret: string } {
  const secrets = secretsOf(options.secret);
  const limit = options.maxBodyBytes ?? DEFAULT_WEBHOOK_MAX_BODY_BYTES;
  if (!Number.isSafeInteger(limit) || limit <= 0) {
    throw new DbtCloudSensorConfigError(
      "maxBodyBytes",
      `must be a positive number of bytes, got ${String(limit)}.`,
    );
  }
  const body = bodyBytes(options.rawBody);
  if (body.length > limit) throw new DbtCloudWebhookBodyTooLargeError(limit, body.length);
  const header = typeof options.authorization === "string" ? options.authorization.trim() : "";
  if (header === "") throw new DbtCloudWebhookSignatureError("missing");
  if (!HEX_SHA256.test(header)) throw new DbtCloudWebhookSignatureError("malformed");
  const given = Buffer.from(header, "hex");
  let matched: string | undefined;
  for (const secret of secrets) {
    const expected = createHmac("sha256", secret).update(body).digest();
    if (timingSafeEqual(expected, given) && matched === undefined) matched = secret;
  }
  if (matched === undefined) throw new DbtCloudWebhookSignatureError("mismatch");
  return { body, secret: matched };
}

/**
 * Verifies a dbt Cloud webhook delivery and returns its typed event.
 *
 * dbt Cloud signs each delivery with the webhook's secret: the `Authorization` header holds the hex
 * HMAC-SHA256 of the raw body. The signature is checked in constant time before the body is parsed.
 *
 * @throws DbtCloudWebhookSignatureError (401) missing, malformed or wrong signature
 * @throws DbtCloudWebhookPayloadError (400) signed, but not JSON or not a known job event
 * @throws DbtCloudWebhookBodyTooLargeError (413) body above `maxBodyBytes`
 * @throws DbtCloudSensorConfigError a missing secret or a rawBody that is not bytes or a string
 */
export function verifyDbtCloudWebhook(options: VerifyDbtCloudWebhookOptions): DbtCloudWebhookEvent {
  const { body } = matchWebhookSecret(options);
  return parseDbtCloudWebhookEvent(parseJson(body));
}

export function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(body)) as unknown;
  } catch (error) {
    throw new DbtCloudWebhookPayloadError("not-json", undefined, "the body is not UTF-8 JSON.", {
      cause: error,
    });
  }
}
