import type { IncomingMessage, ServerResponse } from "node:http";
import { type Logger, noopLogger } from "@dbt-cloud-kit/client";
import { DbtCloudSensorConfigError } from "../errors.js";
import type { DbtCloudPollingSensor, ProcessWebhookOptions } from "../types.js";
import { DbtCloudWebhookError } from "./errors.js";
import { headerValue, type WebhookHeaders } from "./headers.js";
import { logText } from "./log-text.js";
import {
  DEFAULT_WEBHOOK_MAX_BODY_BYTES,
  matchWebhookSecret,
  parseJson,
  secretsOf,
} from "./verify-webhook.js";
import { type DbtCloudWebhookEvent, parseDbtCloudWebhookEvent } from "./webhook-event.js";

/** What the processing callback gets besides the event: the delivery as received, to hand on as is. */
export interface WebhookDelivery {
  /** The body bytes exactly as received (what the signature covers). */
  rawBody: Buffer;
  headers: WebhookHeaders;
  /** The secret that matched (one of `secret` while rotating). */
  secret: string;
  /** Aborted when the handler's `signal` is: stop early, the delivery stays unprocessed. */
  signal: AbortSignal;
}

/** A framework-neutral response: write `status`, `headers` and `body` back as they are. */
export interface WebhookResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export interface WebhookHandlerBaseOptions {
  /** The webhook's secret from dbt Cloud, or several while rotating. */
  secret: string | readonly string[];
  /** Gets refused deliveries (warn), processing failures (error) and progress (debug). Never the secret. */
  logger?: Logger | undefined;
  /** Larger bodies get 413 (default 1 MiB). */
  maxBodyBytes?: number | undefined;
  /** A request body still arriving after this long gets 408 (Node listener only; default 10,000 ms). */
  readTimeoutMs?: number | undefined;
  /** Acknowledged deliveries waiting to be processed; beyond this the handler answers 503 so dbt Cloud retries later (default 1,000). */
  maxPending?: number | undefined;
  /** Event ids remembered to answer redeliveries without processing them again (default 10,000; 0 turns it off). */
  rememberEventIds?: number | undefined;
  /** Shutdown: new deliveries get 503 (dbt Cloud retries them), processing in flight sees the abort. */
  signal?: AbortSignal | undefined;
}

/** Process each verified event yourself. */
export interface WebhookHandlerEventOptions extends WebhookHandlerBaseOptions {
  onEvent: (event: DbtCloudWebhookEvent, delivery: WebhookDelivery) => void | Promise<void>;
  sensor?: never;
  store?: never;
  onTick?: never;
}

/** Hand each delivery to a polling sensor, which reports the run once whichever of polling or webhook saw it first. */
export interface WebhookHandlerSensorOptions extends WebhookHandlerBaseOptions {
  sensor: Pick<DbtCloudPollingSensor, "processWebhook">;
  /** The store the sensor's `run()` loop uses. */
  store: ProcessWebhookOptions["store"];
  /** Gets the runs and events a delivery reported (before the cursor is committed). */
  onTick: ProcessWebhookOptions["onTick"];
  onEvent?: never;
}

export type WebhookHandlerOptions = WebhookHandlerEventOptions | WebhookHandlerSensorOptions;

/** A Node `http` request listener that also offers the framework-neutral form and a drain. */
export interface DbtCloudWebhookHandler {
  (req: IncomingMessage, res: ServerResponse): void;
  /** For frameworks that give the raw body: verify, acknowledge, and process after the answer. */
  handle(rawBody: string | Uint8Array, headers: WebhookHeaders): Promise<WebhookResponse>;
  /** Resolves once every acknowledged delivery has been processed (or failed and been logged). */
  drain(): Promise<void>;
  /** Deliveries acknowledged and not processed yet. */
  readonly pending: number;
}

function positiveInteger(
  value: number | undefined,
  fallback: number,
  field: string,
  allowZero = false,
): number {
  if (value === undefined) return fallback;
  if (!Number.isSafeInteger(value) || value < (allowZero ? 0 : 1)) {
    throw new DbtCloudSensorConfigError(
      field,
      `must be a ${allowZero ? "non-negative" : "positive"} integer, got ${String(value)}.`,
    );
  }
  return value;
}

const json = (
  status: number,
  value: Record<string, string>,
  extra: Record<string, string> = {},
): WebhookResponse => ({
  status,
  headers: { "content-type": "application/json; charset=utf-8", "cache-control": "no-store", ...extra },
  body: JSON.stringify(value),
});

type BodyRead =
  | { kind: "ok"; body: Buffer }
  | { kind: "too-large" }
  | { kind: "timeout" }
  | { kind: "aborted" };

function readBody(req: IncomingMessage, limit: number, timeoutMs: number): Promise<BodyRead> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (result: BodyRead) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      req.removeListener("data", onData);
      resolve(result);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) finish({ kind: "too-large" });
      else chunks.push(chunk);
    };
    const timer = setTimeout(() => finish({ kind: "timeout" }), timeoutMs);
    req.on("data", onData);
    req.once("end", () => finish({ kind: "ok", body: Buffer.concat(chunks, size) }));
    req.once("error", () => finish({ kind: "aborted" }));
    req.once("close", () => finish({ kind: "aborted" }));
  });
}

function send(res: ServerResponse, response: WebhookResponse, close = false): void {
  if (res.headersSent || res.destroyed) return;
  const headers = close ? { ...response.headers, connection: "close" } : response.headers;
  res.writeHead(response.status, headers);
  res.end(response.body);
}

/**
 * A receiver for dbt Cloud's job webhooks. Each delivery is verified (401 for a missing or wrong
 * signature, 400 for a body that is not a known job event, 413 above `maxBodyBytes`, 405 for anything
 * but POST), acknowledged at once with 202 — well within dbt Cloud's 10 s delivery timeout — and
 * processed afterwards, one at a time in arrival order. A redelivery of an event id already accepted
 * is answered 200 and not processed again. Processing errors are logged, never thrown into the server;
 * the event id is then forgotten, so a redelivery is processed again.
 *
 * Use it as a Node listener (`http.createServer(handler)`), or call `handler.handle(rawBody, headers)`
 * from any framework that gives the raw body. With `{ sensor, store, onTick }` each delivery goes to
 * `sensor.processWebhook`, sharing the polling loop's cursor: a run is reported once, whichever path
 * saw it first.
 */
export function createWebhookHandler(options: WebhookHandlerOptions): DbtCloudWebhookHandler {
  if (!options || typeof options !== "object") {
    throw new DbtCloudSensorConfigError(
      "createWebhookHandler",
      "expects { secret, onEvent } or { secret, sensor, store, onTick }.",
    );
  }
  const { secret } = options;
  secretsOf(secret); // fails fast on a missing secret
  const logger = options.logger ?? noopLogger;
  const maxBodyBytes = positiveInteger(options.maxBodyBytes, DEFAULT_WEBHOOK_MAX_BODY_BYTES, "maxBodyBytes");
  const readTimeoutMs = positiveInteger(options.readTimeoutMs, 10_000, "readTimeoutMs");
  const maxPending = positiveInteger(options.maxPending, 1000, "maxPending");
  const remember = positiveInteger(options.rememberEventIds, 10_000, "rememberEventIds", true);
  const process = processorOf(options);
  const signal = options.signal ?? new AbortController().signal;

  const seen = new Set<string>();
  let pending = 0;
  let tail: Promise<void> = Promise.resolve();
  const idleWaiters: Array<() => void> = [];

  const settleOne = () => {
    pending--;
    if (pending === 0) for (const resolve of idleWaiters.splice(0)) resolve();
  };

  const enqueue = (event: DbtCloudWebhookEvent, delivery: WebhookDelivery) => {
    pending++;
    const what = `${event.eventType} of run ${event.runId} (event ${logText(event.eventId, 80)})`;
    tail = tail
      // setImmediate: the acknowledgement is written before any processing starts.
      .then(() => new Promise<void>((resolve) => setImmediate(resolve)))
      .then(async () => {
        try {
          await process(event, delivery);
          logger.debug(`dbt Cloud webhook: processed ${what}.`);
        } catch (error) {
          seen.delete(event.eventId);
          const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
          logger.error(
            `dbt Cloud webhook: processing ${what} failed after it was acknowledged: ${logText(message)}. A redelivery of it will be processed again; polling is the fallback.`,
          );
        } finally {
          settleOne();
        }
      });
  };

  const handle = async (rawBody: string | Uint8Array, headers: WebhookHeaders): Promise<WebhookResponse> => {
    if (signal.aborted) {
      return json(503, { error: "shutting down; dbt Cloud will retry" }, { "retry-after": "10" });
    }
    let event: DbtCloudWebhookEvent;
    let body: Buffer;
    let matched: string;
    try {
      ({ body, secret: matched } = matchWebhookSecret({
        rawBody,
        authorization: headerValue(headers, "authorization"),
        secret,
        maxBodyBytes,
      }));
      event = parseDbtCloudWebhookEvent(parseJson(body));
    } catch (error) {
      if (error instanceof DbtCloudWebhookError) {
        logger.warn(`dbt Cloud webhook refused (${error.status}): ${logText(error.message)}`);
        return json(error.status, { error: error.name, message: error.message });
      }
      if (error instanceof DbtCloudSensorConfigError && error.field === "rawBody") {
        return json(400, { error: "DbtCloudWebhookPayloadError", message: "the request has no body" });
      }
      throw error;
    }
    if (seen.has(event.eventId)) {
      logger.debug(
        `dbt Cloud webhook: event ${logText(event.eventId, 80)} was already accepted (a redelivery); not processed again.`,
      );
      return json(200, { status: "duplicate" });
    }
    if (pending >= maxPending) {
      logger.warn(
        `dbt Cloud webhook: ${pending} deliveries are waiting to be processed; answering 503 so dbt Cloud retries later.`,
      );
      return json(503, { error: "busy; dbt Cloud will retry" }, { "retry-after": "30" });
    }
    if (remember > 0) {
      seen.add(event.eventId);
      if (seen.size > remember) seen.delete(seen.values().next().value as string);
    }
    enqueue(event, { rawBody: body, headers, secret: matched, signal });
    return json(202, { status: "accepted" });
  };

  const serve = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (req.method !== "POST") {
      send(
        res,
        json(405, { error: "method not allowed; dbt Cloud delivers with POST" }, { allow: "POST" }),
        true,
      );
      return;
    }
    const declared = Number(req.headers["content-length"]);
    if (Number.isFinite(declared) && declared > maxBodyBytes) {
      logger.warn(
        `dbt Cloud webhook refused (413): Content-Length ${declared} is above maxBodyBytes ${maxBodyBytes}.`,
      );
      send(
        res,
        json(413, {
          error: "DbtCloudWebhookBodyTooLargeError",
          message: `the body is larger than ${maxBodyBytes} bytes`,
        }),
        true,
      );
      return;
    }
    const read = await readBody(req, maxBodyBytes, readTimeoutMs);
    if (read.kind === "aborted") return;
    if (read.kind === "too-large") {
      logger.warn(`dbt Cloud webhook refused (413): the body grew above maxBodyBytes ${maxBodyBytes}.`);
      send(
        res,
        json(413, {
          error: "DbtCloudWebhookBodyTooLargeError",
          message: `the body is larger than ${maxBodyBytes} bytes`,
        }),
        true,
      );
      return;
    }
    if (read.kind === "timeout") {
      logger.warn(
        `dbt Cloud webhook refused (408): the body took longer than ${readTimeoutMs} ms to arrive.`,
      );
      send(res, json(408, { error: "request timeout" }), true);
      return;
    }
    send(res, await handle(read.body, req.headers));
  };

  const listener = ((req: IncomingMessage, res: ServerResponse) => {
    serve(req, res).catch((error: unknown) => {
      logger.error(
        `dbt Cloud webhook: internal error: ${logText(error instanceof Error ? error.message : String(error))}`,
      );
      send(res, json(500, { error: "internal error" }), true);
    });
  }) as DbtCloudWebhookHandler;
  listener.handle = handle;
  listener.drain = () =>
    pending === 0 ? Promise.resolve() : new Promise<void>((resolve) => idleWaiters.push(resolve));
  Object.defineProperty(listener, "pending", { get: () => pending, enumerable: true });
  return listener;
}

function processorOf(
  options: WebhookHandlerOptions,
): (event: DbtCloudWebhookEvent, delivery: WebhookDelivery) => Promise<void> {
  if (typeof options.onEvent === "function") {
    if (options.sensor !== undefined) {
      throw new DbtCloudSensorConfigError(
        "sensor",
        "and onEvent were both given; pass one (onEvent can call sensor.processWebhook itself).",
      );
    }
    const onEvent = options.onEvent;
    return async (event, delivery) => {
      await onEvent(event, delivery);
    };
  }
  const { sensor, store, onTick } = options as Partial<WebhookHandlerSensorOptions>;
  if (sensor === undefined) {
    throw new DbtCloudSensorConfigError(
      "onEvent",
      "is missing: pass onEvent(event, delivery), or { sensor, store, onTick } to feed a polling sensor.",
    );
  }
  if (typeof sensor?.processWebhook !== "function") {
    throw new DbtCloudSensorConfigError(
      "sensor",
      "is not a polling sensor (no processWebhook); pass the result of buildDbtCloudPollingSensor().",
    );
  }
  if (typeof store?.load !== "function") {
    throw new DbtCloudSensorConfigError(
      "store",
      "is missing: pass the CursorStore the sensor's run() loop uses.",
    );
  }
  if (typeof onTick !== "function") {
    throw new DbtCloudSensorConfigError(
      "onTick",
      "is missing: pass a function that receives the runs and events a delivery reports.",
    );
  }
  return async (_event, delivery) => {
    await sensor.processWebhook({
      rawBody: delivery.rawBody,
      headers: delivery.headers as ProcessWebhookOptions["headers"],
      secret: delivery.secret,
      store,
      onTick,
      signal: delivery.signal,
    });
  };
}
