import { describe, expect, it } from "vitest";
import {
  createWebhookHandler,
  DbtCloudSensorConfigError,
  type DbtCloudWebhookEvent,
  type ProcessWebhookOptions,
  type WebhookDelivery,
} from "../../src/index.js";
import { memoryLogger, post, postChunked, serve } from "./server.js";
import { completedEvent, SECRET, sign, signed } from "./signing.js";

const collect = () => {
  const events: DbtCloudWebhookEvent[] = [];
  const deliveries: WebhookDelivery[] = [];
  return {
    events,
    deliveries,
    onEvent: (event: DbtCloudWebhookEvent, delivery: WebhookDelivery) => {
      events.push(event);
      deliveries.push(delivery);
    },
  };
};

describe("createWebhookHandler over HTTP", () => {
  it("acknowledges a signed delivery with 202 before processing it, then hands the verified event on", async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const order: string[] = [];
    const handler = createWebhookHandler({
      secret: SECRET,
      onEvent: async (event, delivery) => {
        order.push(`start ${event.runId}`);
        await gate; // processing takes as long as the test wants: the answer must not wait for it
        order.push(`end ${event.runId} ${delivery.secret === SECRET} ${delivery.rawBody.length}`);
      },
    });
    const url = await serve(handler);
    const { rawBody, authorization } = signed(completedEvent());
    const res = await post(url, rawBody, { authorization });
    expect(res.status).toBe(202);
    expect(res.json).toEqual({ status: "accepted" });
    expect(handler.pending).toBe(1);
    order.push("answered");
    release();
    await handler.drain();
    // The answer came while processing was still blocked: it never waits for processing.
    expect(order.filter((o) => o !== "start 12345")).toEqual([
      "answered",
      `end 12345 true ${rawBody.length}`,
    ]);
    expect(order).toContain("start 12345");
    expect(handler.pending).toBe(0);
  });

  it("answers 401 for a missing, garbage or wrong signature and a tampered body, without processing", async () => {
    const sink = collect();
    const { logger, lines } = memoryLogger();
    const url = await serve(createWebhookHandler({ secret: SECRET, onEvent: sink.onEvent, logger }));
    const { rawBody, authorization } = signed(completedEvent());
    const tampered = Buffer.from(rawBody.toString().replace("12345", "12346"));
    for (const [body, headers] of [
      [rawBody, {}],
      [rawBody, { authorization: "garbage" }],
      [rawBody, { authorization: sign(rawBody, "wrong-secret-xyz") }],
      [tampered, { authorization }],
    ] as const) {
      const res = await post(url, body, headers);
      expect(res.status).toBe(401);
      expect(res.json.error).toBe("DbtCloudWebhookSignatureError");
      expect(JSON.stringify(res.json)).not.toContain(SECRET);
    }
    expect(sink.events).toHaveLength(0);
    expect(lines.filter(([level]) => level === "warn")).toHaveLength(4);
    expect(JSON.stringify(lines)).not.toContain(SECRET);
  });

  it("answers 400 for a signed body that is not a known job event, naming the problem", async () => {
    const sink = collect();
    const url = await serve(createWebhookHandler({ secret: SECRET, onEvent: sink.onEvent }));
    const unknown = signed(completedEvent({ eventType: "account.deleted" }));
    const res = await post(url, unknown.rawBody, { authorization: unknown.authorization });
    expect(res.status).toBe(400);
    expect(res.json).toMatchObject({ error: "DbtCloudWebhookPayloadError" });
    expect(res.json.message).toMatch(/eventType: "account\.deleted" is not a dbt Cloud job event/);
    const notJson = Buffer.from("<xml/>");
    expect((await post(url, notJson, { authorization: sign(notJson) })).status).toBe(400);
    const empty = Buffer.alloc(0);
    expect((await post(url, empty, { authorization: sign(empty) })).status).toBe(400);
    expect(sink.events).toHaveLength(0);
  });

  it("answers 405 (Allow: POST) to anything but POST", async () => {
    const url = await serve(createWebhookHandler({ secret: SECRET, onEvent: () => {} }));
    for (const method of ["GET", "PUT", "DELETE"]) {
      const res = await fetch(url, { method });
      expect(res.status).toBe(405);
      expect(res.headers.get("allow")).toBe("POST");
    }
  });

  it("answers 413 above maxBodyBytes, by Content-Length and while a chunked body streams in", async () => {
    const sink = collect();
    const { logger, lines } = memoryLogger();
    const url = await serve(
      createWebhookHandler({ secret: SECRET, onEvent: sink.onEvent, maxBodyBytes: 2048, logger }),
    );
    const big = Buffer.alloc(4096, 0x20);
    const declared = await post(url, big, { authorization: sign(big) });
    expect(declared.status).toBe(413);
    const streamed = await postChunked(
      url,
      Array.from({ length: 64 }, () => Buffer.alloc(1024, 0x20)),
    );
    expect(streamed.status).toBe(413);
    expect(sink.events).toHaveLength(0);
    expect(lines.filter(([level, m]) => level === "warn" && m.includes("413"))).toHaveLength(2);
    // Just under the limit still works.
    const ok = signed(completedEvent());
    expect((await post(url, ok.rawBody, { authorization: ok.authorization })).status).toBe(202);
  });

  it("answers 408 when the body does not arrive within readTimeoutMs", async () => {
    const url = await serve(createWebhookHandler({ secret: SECRET, onEvent: () => {}, readTimeoutMs: 100 }));
    const slow = await postChunked(
      url,
      [Buffer.from("{"), Buffer.from("}"), Buffer.from(" "), Buffer.from(" ")],
      80,
    );
    expect(slow.status).toBe(408);
  });

  it("answers a redelivery (same event id) 200 without processing it twice", async () => {
    const sink = collect();
    const handler = createWebhookHandler({ secret: SECRET, onEvent: sink.onEvent });
    const url = await serve(handler);
    const { rawBody, authorization } = signed(completedEvent());
    expect((await post(url, rawBody, { authorization })).status).toBe(202);
    await handler.drain();
    const again = await post(url, rawBody, { authorization });
    expect(again.status).toBe(200);
    expect(again.json).toEqual({ status: "duplicate" });
    const other = signed(completedEvent({ eventId: "wev_other", runId: "777" }));
    expect((await post(url, other.rawBody, { authorization: other.authorization })).status).toBe(202);
    await handler.drain();
    expect(sink.events.map((e) => e.runId)).toEqual([12345, 777]);
  });

  it("logs a processing failure, keeps serving, and processes a redelivery of the failed event", async () => {
    const { logger, lines } = memoryLogger();
    let calls = 0;
    const handler = createWebhookHandler({
      secret: SECRET,
      logger,
      onEvent: () => {
        calls++;
        if (calls === 1) throw new Error("dbt Cloud API down\n::error::injected");
      },
    });
    const url = await serve(handler);
    const { rawBody, authorization } = signed(completedEvent());
    expect((await post(url, rawBody, { authorization })).status).toBe(202);
    await handler.drain();
    const errors = lines.filter(([level]) => level === "error").map(([, m]) => m);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(
      /processing job\.run\.completed of run 12345 .* failed after it was acknowledged: Error: dbt Cloud API down ::error::injected/,
    );
    expect(errors[0]).not.toMatch(/[\r\n]/);
    expect((await post(url, rawBody, { authorization })).status).toBe(202); // not a duplicate: it failed
    await handler.drain();
    expect(calls).toBe(2);
  });

  it("processes one delivery at a time, in arrival order", async () => {
    const seen: string[] = [];
    const handler = createWebhookHandler({
      secret: SECRET,
      onEvent: async (event) => {
        seen.push(`start ${event.runId}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
        seen.push(`end ${event.runId}`);
      },
    });
    const url = await serve(handler);
    for (const runId of ["1", "2", "3"]) {
      const d = signed(completedEvent({ eventId: `wev_${runId}`, runId }));
      expect((await post(url, d.rawBody, { authorization: d.authorization })).status).toBe(202);
    }
    await handler.drain();
    expect(seen).toEqual(["start 1", "end 1", "start 2", "end 2", "start 3", "end 3"]);
  });

  it("answers 503 when maxPending deliveries wait, and after the shutdown signal (dbt Cloud retries those)", async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const stop = new AbortController();
    const handler = createWebhookHandler({
      secret: SECRET,
      onEvent: () => gate,
      maxPending: 1,
      signal: stop.signal,
    });
    const url = await serve(handler);
    const a = signed(completedEvent({ eventId: "wev_a" }));
    const b = signed(completedEvent({ eventId: "wev_b" }));
    expect((await post(url, a.rawBody, { authorization: a.authorization })).status).toBe(202);
    const busy = await post(url, b.rawBody, { authorization: b.authorization });
    expect(busy.status).toBe(503);
    expect(busy.headers.get("retry-after")).toBe("30");
    release();
    await handler.drain();
    expect((await post(url, b.rawBody, { authorization: b.authorization })).status).toBe(202); // not remembered when refused
    await handler.drain();
    stop.abort();
    const c = signed(completedEvent({ eventId: "wev_c" }));
    expect((await post(url, c.rawBody, { authorization: c.authorization })).status).toBe(503);
  });

  it("offers the framework-neutral form: handle(rawBody, headers) → { status, headers, body }", async () => {
    const sink = collect();
    const handler = createWebhookHandler({ secret: [SECRET, "next-secret-1234"], onEvent: sink.onEvent });
    const { rawBody, authorization } = signed(completedEvent(), "next-secret-1234");
    const headers = new Headers({ Authorization: authorization });
    const out = await handler.handle(rawBody.toString("utf8"), headers);
    expect(out).toEqual({
      status: 202,
      headers: { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" },
      body: '{"status":"accepted"}',
    });
    expect((await handler.handle(rawBody, { AUTHORIZATION: ["0".repeat(64)] })).status).toBe(401);
    await handler.drain();
    expect(sink.events).toHaveLength(1);
    expect(sink.deliveries[0]!.secret).toBe("next-secret-1234");
  });

  it("feeds a sensor's processWebhook with the delivery as received", async () => {
    const calls: unknown[] = [];
    const store = { load: async () => ({ cursor: undefined, version: 0 }) } as never;
    const onTick = () => {};
    const sensor = {
      processWebhook: async (options: ProcessWebhookOptions) => {
        calls.push(options);
        return { runs: [], events: [], cursor: "{}" };
      },
    };
    const handler = createWebhookHandler({ secret: SECRET, sensor, store, onTick });
    const { rawBody, authorization } = signed(completedEvent());
    expect((await handler.handle(rawBody, { authorization })).status).toBe(202);
    await handler.drain();
    expect(calls).toEqual([
      { rawBody, headers: { authorization }, secret: SECRET, store, onTick, signal: expect.any(AbortSignal) },
    ]);
  });

  it("refuses bad options before serving anything, naming the field", () => {
    const cases: Array<[unknown, string]> = [
      [{ onEvent: () => {} }, "secret"],
      [{ secret: "", onEvent: () => {} }, "secret"],
      [{ secret: SECRET }, "onEvent"],
      [{ secret: SECRET, sensor: {}, store: {}, onTick: () => {} }, "sensor"],
      [{ secret: SECRET, sensor: { processWebhook: () => {} }, onTick: () => {} }, "store"],
      [{ secret: SECRET, sensor: { processWebhook: () => {} }, store: { load: () => {} } }, "onTick"],
      [{ secret: SECRET, onEvent: () => {}, sensor: { processWebhook: () => {} } }, "sensor"],
      [{ secret: SECRET, onEvent: () => {}, maxBodyBytes: 0 }, "maxBodyBytes"],
      [{ secret: SECRET, onEvent: () => {}, maxPending: 1.5 }, "maxPending"],
    ];
    for (const [options, field] of cases) {
      let error: unknown;
      try {
        createWebhookHandler(options as never);
      } catch (e) {
        error = e;
      }
      expect(error, JSON.stringify(options)).toBeInstanceOf(DbtCloudSensorConfigError);
      expect(error).toMatchObject({ field });
    }
  });
});
