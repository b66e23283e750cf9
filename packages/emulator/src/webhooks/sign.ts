import { createHmac } from "node:crypto";

/** dbt Cloud's webhook signature: HMAC-SHA256 of the exact body bytes, keyed by the secret, hex. */
export function signWebhookBody(body: string | Buffer, secret: string): string {
  return createHmac("sha256", secret).update(body).digest("hex");
}
