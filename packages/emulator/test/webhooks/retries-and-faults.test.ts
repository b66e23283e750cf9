import { describe, expect, it } from "vitest";
import { EmulatorConfigError, WEBHOOK_RETRY_DELAYS_SECONDS } from "../../src/index.js";
import { clientFor, emulator } from "../helpers.js";
import { startReceiver } from "./receiver.js";

const SECRET = "emulator-webhook-secret";
const completedOnly = { secret: SECRET, eventTypes: ["job.run.completed" as const] };

describe("webhook retries", () => {
  it("retries a failed delivery (HTTP 500) with backoff on the emulator's clock, same event id and body", async () => {
    const hook = await startReceiver((i) => (i < 2 ? 500 : 200));
    const emu = await emulator({ webhooks: [{ url: hook.url, ...completedOnly }] });
    await clientFor(emu).triggerJobRun(1001, { cause: "retry" });
    emu.clock.advanceSeconds(900);
    await emu.webhooks.settled();
    expect(hook.received).toHaveLength(1);

    emu.clock.advanceSeconds(WEBHOOK_RETRY_DELAYS_SECONDS[0]! - 1); // not yet
    await emu.webhooks.settled();
    expect(hook.received).toHaveLength(1);
    emu.clock.advanceSeconds(1);
    await emu.webhooks.settled();
    expect(hook.received).toHaveLength(2);
    emu.clock.advanceSeconds(WEBHOOK_RETRY_DELAYS_SECONDS[1]!);
    await emu.webhooks.settled();
    expect(hook.received).toHaveLength(3);
    emu.clock.advanceSeconds(3600);
    await emu.webhooks.settled();
    expect(hook.received).toHaveLength(3); // delivered: no more attempts

    expect(new Set(hook.received.map((r) => r.rawBody.toString()))).toHaveProperty("size", 1);
    expect(new Set(hook.received.map((r) => r.headers.authorization))).toHaveProperty("size", 1);
    const log = emu.webhooks.deliveries();
    expect(log.map((d) => [d.attempt, d.outcome, d.status ?? null, d.error ?? null])).toEqual([
      [1, "failed", 500, "HTTP 500"],
      [2, "failed", 500, "HTTP 500"],
      [3, "delivered", 200, null],
    ]);
    expect(Date.parse(log[1]!.emulatedAt) - Date.parse(log[0]!.emulatedAt)).toBe(
      WEBHOOK_RETRY_DELAYS_SECONDS[0]! * 1000,
    );
    expect(log[0]!.nextAttemptAt).toBe(log[1]!.emulatedAt);
  });

  it("gives up after five retries (six attempts)", async () => {
    const hook = await startReceiver(() => 503);
    const emu = await emulator({ webhooks: [{ url: hook.url, ...completedOnly }] });
    await clientFor(emu).triggerJobRun(1001, { cause: "down" });
    emu.clock.advanceSeconds(900);
    await emu.webhooks.settled();
    for (let i = 0; i < 10; i++) {
      emu.clock.advanceSeconds(3600);
      await emu.webhooks.settled();
    }
    expect(hook.received).toHaveLength(6);
    const log = emu.webhooks.deliveries();
    expect(log.map((d) => d.attempt)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(log.at(-1)).toMatchObject({ outcome: "failed", status: 503 });
    expect(log.at(-1)).not.toHaveProperty("nextAttemptAt");
  });

  it("counts a receiver that answers after the timeout as failed and retries (a redelivery it must dedupe)", async () => {
    const hook = await startReceiver((i) => (i === 0 ? "hang" : 200));
    const emu = await emulator({ webhooks: [{ url: hook.url, ...completedOnly, timeoutMs: 150 }] });
    await clientFor(emu).triggerJobRun(1001, { cause: "slow" });
    emu.clock.advanceSeconds(900);
    await emu.webhooks.settled();
    expect(emu.webhooks.deliveries()).toMatchObject([
      { attempt: 1, outcome: "failed", error: "no response within 150 ms" },
    ]);
    emu.clock.advanceSeconds(WEBHOOK_RETRY_DELAYS_SECONDS[0]!);
    await emu.webhooks.settled();
    expect(hook.received).toHaveLength(2);
    expect(hook.received[0]!.json.eventId).toBe(hook.received[1]!.json.eventId);
    expect(emu.webhooks.deliveries().at(-1)).toMatchObject({ attempt: 2, outcome: "delivered" });
  });

  it("treats a refused connection and a redirect as failures (redirects are never followed)", async () => {
    const redirecting = await startReceiver(() => 302);
    const gone = await startReceiver();
    await gone.close();
    const emu = await emulator({
      webhooks: [
        { url: redirecting.url, ...completedOnly },
        { url: gone.url, ...completedOnly },
      ],
    });
    await clientFor(emu).triggerJobRun(1001, { cause: "x" });
    emu.clock.advanceSeconds(900);
    await emu.webhooks.settled();
    const [sub1, sub2] = emu.webhooks.list();
    expect(emu.webhooks.deliveries({ subscriptionId: sub1!.id })).toMatchObject([
      { outcome: "failed", status: 302, error: "HTTP 302" },
    ]);
    expect(emu.webhooks.deliveries({ subscriptionId: sub2!.id })).toMatchObject([
      { outcome: "failed", error: "ECONNREFUSED" },
    ]);
    expect(redirecting.received).toHaveLength(1);
  });
});

describe("webhook delivery faults", () => {
  it("drop: the delivery is never sent (polling has to find the run)", async () => {
    const hook = await startReceiver();
    const emu = await emulator({
      webhooks: [{ url: hook.url, ...completedOnly }],
      webhookFaults: [{ kind: "drop", jobIds: [1001] }],
    });
    const client = clientFor(emu);
    const dropped = await client.triggerJobRun(1001, { cause: "lost" });
    const kept = await client.triggerJobRun(1002, { cause: "kept" });
    emu.clock.advanceSeconds(900);
    await emu.webhooks.settled();
    expect(hook.received.map((r) => r.json.data.runId)).toEqual([String(kept.id)]);
    expect(emu.webhooks.deliveries({ runId: dropped.id })).toMatchObject([
      { outcome: "dropped", fault: "drop", attempt: 0 },
    ]);
    expect(emu.webhooks.faults.list()[0]).toMatchObject({ remaining: 0, hits: 1 });
  });

  it("duplicate: the same event (id, body, signature) arrives twice", async () => {
    const hook = await startReceiver();
    const emu = await emulator({ webhooks: [{ url: hook.url, ...completedOnly }] });
    emu.webhooks.faults.add({ kind: "duplicate", eventTypes: ["job.run.completed"] });
    await clientFor(emu).triggerJobRun(1001, { cause: "twice" });
    emu.clock.advanceSeconds(900);
    await emu.webhooks.settled();
    expect(hook.received).toHaveLength(2);
    expect(hook.received[0]!.rawBody.equals(hook.received[1]!.rawBody)).toBe(true);
    expect(hook.received[0]!.headers.authorization).toBe(hook.received[1]!.headers.authorization);
    const log = emu.webhooks.deliveries();
    expect(log.map((d) => [d.outcome, d.fault])).toEqual([
      ["delivered", "duplicate"],
      ["delivered", "duplicate"],
    ]);
    expect(log[0]!.deliveryId).not.toBe(log[1]!.deliveryId);
  });

  it("delay: a delayed delivery is overtaken by later events (reordering)", async () => {
    const hook = await startReceiver();
    const emu = await emulator({ webhooks: [{ url: hook.url, ...completedOnly }] });
    const client = clientFor(emu);
    const first = await client.triggerJobRun(1001, { cause: "first" });
    emu.webhooks.faults.add({ kind: "delay", runIds: [first.id], delaySeconds: 1800 });
    emu.clock.advanceSeconds(900);
    const second = await client.triggerJobRun(1002, { cause: "second" });
    emu.clock.advanceSeconds(900);
    await emu.webhooks.settled();
    expect(hook.received.map((r) => r.json.data.runId)).toEqual([String(second.id)]);
    emu.clock.advanceSeconds(1800);
    await emu.webhooks.settled();
    expect(hook.received.map((r) => r.json.data.runId)).toEqual([String(second.id), String(first.id)]);
  });

  it("rejects bad fault specs naming the field", () => {
    return emulator().then((emu) => {
      expect(() => emu.webhooks.faults.add({ kind: "delay" })).toThrow(
        /webhookFault\.delaySeconds: .*needs delaySeconds/,
      );
      expect(() => emu.webhooks.faults.add({ kind: "explode" as "drop" })).toThrow(
        /webhookFault\.kind: must be "drop", "duplicate" or "delay"/,
      );
    });
  });
});

describe("webhook subscriptions are loopback only and validated", () => {
  it.each([
    [
      "http://example.com/hook",
      /webhooks\[0\]\.url: points at host "example\.com"; the emulator only delivers to loopback/,
    ],
    ["http://10.0.0.1:8080/hook", /webhooks\[0\]\.url: points at host "10\.0\.0\.1"/],
    ["ftp://127.0.0.1/hook", /webhooks\[0\]\.url: has protocol "ftp:"/],
    ["not a url", /webhooks\[0\]\.url: is not an absolute URL/],
  ])("refuses %s before listening", async (url, message) => {
    const error = await emulator({ webhooks: [{ url, secret: SECRET }] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EmulatorConfigError);
    expect((error as Error).message).toMatch(message);
  });

  it("accepts 127.x, localhost and [::1]; refuses others at runtime too", async () => {
    const emu = await emulator();
    for (const url of ["http://127.0.0.2:9/x", "http://localhost:9/x", "http://[::1]:9/x"]) {
      expect(emu.webhooks.add({ url }).url).toBe(url);
    }
    expect(() => emu.webhooks.add({ url: "https://hooks.example.org/x" })).toThrow(EmulatorConfigError);
    expect(() => emu.webhooks.add({ url: "http://169.254.169.254/latest" })).toThrow(/loopback/);
  });

  it("names unknown jobs and accounts, short secrets and unknown event types", async () => {
    const error = await emulator({
      webhooks: [{ url: "http://127.0.0.1:9/x", jobIds: [1001, 4242], accountId: 9 }],
    }).catch((e: unknown) => e);
    expect((error as EmulatorConfigError).problems).toEqual([
      "webhooks[0].accountId: no account 9. Use one of 1 or leave it out.",
      expect.stringMatching(/^webhooks\[0\]\.jobIds\[1\]: no job 4242\. Use one of 1001, 1002/),
    ]);
    const bad = await emulator({
      webhooks: [
        { url: "http://127.0.0.1:9/x", secret: "short", eventTypes: ["run.done" as "job.run.started"] },
      ],
    }).catch((e: unknown) => e);
    expect((bad as EmulatorConfigError).problems).toEqual([
      "webhooks[0].secret: must be at least 8 characters; leave it out to get a generated secret",
      'webhooks[0].eventTypes[0]: must be one of "job.run.started", "job.run.completed", "job.run.errored"',
    ]);
  });
});
