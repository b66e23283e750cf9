import { isIP } from "node:net";
import { z } from "zod";

/** The events dbt Cloud delivers to webhook subscriptions. */
export const webhookEventTypes = ["job.run.started", "job.run.completed", "job.run.errored"] as const;
export type WebhookEventType = (typeof webhookEventTypes)[number];

/** True for 127.0.0.0/8, ::1 and `localhost`: the only hosts the emulator delivers to. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, "").toLowerCase();
  if (host === "localhost") return true;
  if (isIP(host) === 4) return host.startsWith("127.");
  if (isIP(host) === 6) return host === "::1" || host === "0:0:0:0:0:0:0:1";
  return false;
}

/** Why `url` is not a webhook endpoint the emulator will call, or undefined when it is. */
export function loopbackUrlProblem(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'is not an absolute URL; use e.g. "http://127.0.0.1:8080/dbt-cloud-webhook"';
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") {
    return `has protocol "${parsed.protocol}"; use http: or https:, e.g. "http://127.0.0.1:8080/hook"`;
  }
  if (!isLoopbackHost(parsed.hostname)) {
    return `points at host "${parsed.hostname}"; the emulator only delivers to loopback (127.0.0.1, localhost or [::1])`;
  }
  return undefined;
}

const loopbackUrl = z
  .string({ error: 'must be the endpoint URL, e.g. "http://127.0.0.1:8080/hook"' })
  .superRefine((value, ctx) => {
    const problem = loopbackUrlProblem(value);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });

const eventTypeList = z
  .array(
    z.enum(webhookEventTypes, {
      error: `must be one of ${webhookEventTypes.map((t) => `"${t}"`).join(", ")}`,
    }),
    { error: 'must be a list of event types, e.g. ["job.run.completed"]' },
  )
  .min(1, { error: 'needs at least one event type, e.g. ["job.run.completed"]' });

const idList = (what: string) =>
  z.array(
    z
      .number()
      .int()
      .positive({ error: `must be a positive integer ${what} id` }),
    {
      error: `must be a list of ${what} ids, e.g. [1001]`,
    },
  );

/**
 * One webhook subscription, as created in dbt Cloud's account settings: where to send which events of
 * which jobs (empty `jobIds`: every job of the account), signed with `secret`.
 */
export const webhookSubscriptionSchema = z.strictObject({
  url: loopbackUrl,
  /** HMAC key (dbt Cloud's `hmac_secret`); generated when left out. */
  secret: z
    .string({ error: "must be a string; leave it out to get a generated secret" })
    .min(8, { error: "must be at least 8 characters; leave it out to get a generated secret" })
    .optional(),
  name: z.string().min(1).default("emulator webhook"),
  eventTypes: eventTypeList.default([...webhookEventTypes]),
  jobIds: idList("job").default([]),
  /** Only runs of this account (default: every account). */
  accountId: z.number().int().positive({ error: "must be a positive integer account id" }).optional(),
  /** Wall-clock milliseconds an attempt may take before it counts as failed (dbt Cloud: 10 s). */
  timeoutMs: z
    .number()
    .int()
    .positive({ error: "must be a positive number of milliseconds, e.g. 10000" })
    .default(10_000),
  active: z.boolean({ error: "must be true or false" }).default(true),
});

/**
 * A delivery fault: the next `count` deliveries that match are dropped (never sent), duplicated (sent
 * twice with the same event id and signature, as a redelivery) or delayed by `delaySeconds` of emulated
 * time (later events overtake them: reordering).
 */
export const webhookFaultSchema = z.strictObject({
  kind: z.enum(["drop", "duplicate", "delay"], { error: 'must be "drop", "duplicate" or "delay"' }),
  count: z
    .number()
    .int()
    .positive({ error: "must be a positive integer (how many deliveries to affect)" })
    .default(1),
  eventTypes: eventTypeList.optional(),
  jobIds: idList("job").optional(),
  runIds: idList("run").optional(),
  subscriptionId: z.string().min(1).optional(),
  delaySeconds: z
    .number({ error: "must be a number of emulated seconds, e.g. 30" })
    .min(0, { error: "cannot be negative" })
    .optional(),
});

export type WebhookSubscriptionInput = z.input<typeof webhookSubscriptionSchema>;
export type WebhookSubscriptionConfig = z.output<typeof webhookSubscriptionSchema>;
export type WebhookFaultInput = z.input<typeof webhookFaultSchema>;
export type WebhookFaultSpec = z.output<typeof webhookFaultSchema>;
