import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { clientFor, emulator } from "../helpers.js";
import { startReceiver } from "./receiver.js";

const hmac = (body: Buffer, secret: string) => createHmac("sha256", secret).update(body).digest("hex");
const SECRET = "emulator-webhook-secret";

describe("webhook delivery", () => {
  it("posts job.run.started and job.run.completed, signed like dbt Cloud, when the run gets there", async () => {
    const hook = await startReceiver();
    const emu = await emulator({ webhooks: [{ url: hook.url, secret: SECRET, name: "sensor" }] });
    const [sub] = emu.webhooks.list();
    const run = await clientFor(emu).triggerJobRun(1001, { cause: "webhook test" });
    await emu.webhooks.settled();
    expect(hook.received).toHaveLength(0); // queued: nothing has happened yet

    emu.clock.advanceSeconds(8); // past queued (2 s) and starting (5 s): running
    await emu.webhooks.settled();
    expect(hook.received.map((r) => r.json.eventType)).toEqual(["job.run.started"]);

    emu.clock.advanceSeconds(600);
    await emu.webhooks.settled();
    expect(hook.received.map((r) => r.json.eventType)).toEqual(["job.run.started", "job.run.completed"]);
    for (const r of hook.received) {
      expect(r.method).toBe("POST");
      expect(r.path).toBe("/dbt-cloud-webhook");
      expect(r.headers["content-type"]).toBe("application/json");
      expect(r.headers.authorization).toBe(hmac(r.rawBody, SECRET));
      expect(r.rawBody.toString()).not.toContain(SECRET);
    }
    const finished = await clientFor(emu).getRun(run.id);
    const completed = hook.received[1]!.json;
    expect(completed).toMatchObject({
      accountId: emu.accountId,
      webhooksID: sub!.id,
      eventType: "job.run.completed",
      webhookName: "sensor",
      data: {
        jobId: "1001",
        jobName: "Daily build",
        runId: String(run.id),
        environmentId: "101",
        environmentName: "Production",
        projectId: "11",
        runStatus: "Success",
        runStatusCode: 10,
        runStatusMessage: "None",
        runReason: "webhook test",
      },
    });
    expect(completed.eventId).toMatch(/^wev_[0-9A-Za-z]{27}$/);
    expect(Date.parse(completed.data.runFinishedAt as string)).toBe(
      Math.floor(Date.parse(finished.finished_at!) / 1000) * 1000,
    );
    expect(hook.received[0]!.json.data).toMatchObject({ runStatus: "Running", runStatusCode: 3 });
    expect(hook.received[0]!.json.data).not.toHaveProperty("runFinishedAt");
    expect(emu.webhooks.deliveries().map((d) => [d.eventType, d.outcome, d.attempt, d.status])).toEqual([
      ["job.run.started", "delivered", 1, 200],
      ["job.run.completed", "delivered", 1, 200],
    ]);
  });

  it("sends job.run.errored then job.run.completed for a failed run, and completed for a cancelled one", async () => {
    const hook = await startReceiver();
    const emu = await emulator({
      webhooks: [{ url: hook.url, secret: SECRET, eventTypes: ["job.run.completed", "job.run.errored"] }],
    });
    const client = clientFor(emu);
    const failed = await client.triggerJobRun(1004, { cause: "failing" });
    const cancelled = await client.triggerJobRun(1003, { cause: "to cancel" });
    emu.clock.advanceSeconds(1);
    await client.cancelRun(cancelled.id);
    emu.clock.advanceSeconds(900);
    await emu.webhooks.settled();
    const seen = hook.received.map((r) => [r.json.eventType, r.json.data.runId, r.json.data.runStatusCode]);
    expect(seen).toEqual([
      ["job.run.completed", String(cancelled.id), 30],
      ["job.run.errored", String(failed.id), 20],
      ["job.run.completed", String(failed.id), 20],
    ]);
    const errored = hook.received[1]!.json.data;
    expect(errored.runStatus).toBe("Errored");
    expect(errored.runErroredAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(errored.runStatusMessage).not.toBe("None");
    expect(hook.received[2]!.json.data.runStatus).toBe("Error");
    expect(hook.received[0]!.json.data).toMatchObject({ runStatus: "Cancelled" });
    expect(hook.received[0]!.json.data).not.toHaveProperty("runStartedAt"); // cancelled while queued
  });

  it("filters by event type, job ids and account; inactive subscriptions get nothing", async () => {
    const onlyCompleted = await startReceiver();
    const onlyJob1004 = await startReceiver();
    const inactive = await startReceiver();
    const emu = await emulator({
      webhooks: [
        { url: onlyCompleted.url, secret: SECRET, eventTypes: ["job.run.completed"] },
        { url: onlyJob1004.url, secret: SECRET, jobIds: [1004], accountId: 1 },
        { url: inactive.url, secret: SECRET, active: false },
      ],
    });
    const client = clientFor(emu);
    await client.triggerJobRun(1001, { cause: "a" });
    await client.triggerJobRun(1004, { cause: "b" });
    emu.clock.advanceSeconds(900);
    await emu.webhooks.settled();
    expect(onlyCompleted.received.map((r) => [r.json.eventType, r.json.data.jobId]).sort()).toEqual([
      ["job.run.completed", "1001"],
      ["job.run.completed", "1004"],
    ]);
    expect(onlyJob1004.received.map((r) => r.json.eventType)).toEqual([
      "job.run.started",
      "job.run.errored",
      "job.run.completed",
    ]);
    expect(inactive.received).toHaveLength(0);
  });

  it("subscriptions added at runtime get a generated secret and the events from then on", async () => {
    const hook = await startReceiver();
    const emu = await emulator();
    const client = clientFor(emu);
    await client.triggerJobRun(1001, { cause: "before" });
    emu.clock.advanceSeconds(900); // finished before anyone subscribed: never sent
    const inFlight = await client.triggerJobRun(1001, { cause: "in flight" });
    const sub = emu.webhooks.add({ url: hook.url, eventTypes: ["job.run.completed"] });
    expect(sub.secret.length).toBeGreaterThanOrEqual(20);
    const run = await client.triggerJobRun(1002, { cause: "after" });
    emu.clock.advanceSeconds(900);
    await emu.webhooks.settled();
    expect(hook.received.map((r) => r.json.data.runId).sort()).toEqual(
      [String(inFlight.id), String(run.id)].sort(),
    );
    expect(hook.received[0]!.headers.authorization).toBe(hmac(hook.received[0]!.rawBody, sub.secret));
    expect(emu.webhooks.remove(sub.id)).toBe(true);
    await client.triggerJobRun(1002, { cause: "removed" });
    emu.clock.advanceSeconds(900);
    await emu.webhooks.settled();
    expect(hook.received).toHaveLength(2);
  });

  it("delivers when the clock moves through the admin endpoint too", async () => {
    const hook = await startReceiver();
    const emu = await emulator({
      webhooks: [{ url: hook.url, secret: SECRET, eventTypes: ["job.run.completed"] }],
    });
    await clientFor(emu).triggerJobRun(1001, { cause: "admin clock" });
    const res = await fetch(`${emu.url}/__emulator/clock/advance`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ seconds: 900 }),
    });
    expect(res.status).toBe(200);
    await emu.webhooks.settled();
    expect(hook.received.map((r) => r.json.eventType)).toEqual(["job.run.completed"]);
  });

  it("delivers on a real clock without anyone advancing it", async () => {
    const hook = await startReceiver();
    const emu = await emulator({
      clock: { mode: "real", speed: 600 },
      webhooks: [{ url: hook.url, secret: SECRET, eventTypes: ["job.run.completed"] }],
    });
    const run = await clientFor(emu).triggerJobRun(1001, { cause: "real clock" });
    const deadline = Date.now() + 10_000;
    while (hook.received.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(hook.received.map((r) => r.json.data.runId)).toEqual([String(run.id)]);
  });
});
