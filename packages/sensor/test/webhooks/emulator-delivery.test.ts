import type { Emulator } from "@dbt-cloud-kit/emulator";
import { afterEach, describe, expect, it } from "vitest";
import {
  buildDbtCloudPollingSensor,
  createWebhookHandler,
  type DbtCloudWebhookEvent,
  MemoryCursorStore,
  type WebhookResult,
} from "../../src/index.js";
import {
  quick,
  startVirtualEmulator,
  trigger,
  workspaceConfig,
  workspaceFor,
} from "../support/emulator-fixture.js";
import { serve } from "./server.js";
import { SECRET } from "./signing.js";

let emu: Emulator | undefined;
afterEach(async () => {
  await emu?.close();
  emu = undefined;
});

/** Moves the emulator's clock and waits until every delivery due by then has been answered. */
async function advance(seconds: number) {
  emu!.clock.advanceSeconds(seconds);
  await emu!.webhooks.settled();
}

describe("the emulator's deliveries through createWebhookHandler", () => {
  it("every delivery verifies and parses: started, errored and completed events with their ids", async () => {
    emu = await startVirtualEmulator();
    const events: DbtCloudWebhookEvent[] = [];
    const handler = createWebhookHandler({ secret: SECRET, onEvent: (e) => void events.push(e) });
    emu.webhooks.add({ url: await serve(handler), secret: SECRET });
    const ws = workspaceFor(emu);
    const [ok] = await trigger(ws, 1001);
    const [failing] = await trigger(ws, 1004);
    await advance(900);
    await handler.drain();
    const seen = events.map((e) => `${e.eventType} ${e.runId}`).sort();
    expect(seen).toEqual(
      [
        `job.run.completed ${failing}`,
        `job.run.completed ${ok}`,
        `job.run.errored ${failing}`,
        `job.run.started ${failing}`,
        `job.run.started ${ok}`,
      ].sort(),
    );
    const completed = events.find((e) => e.eventType === "job.run.completed" && e.runId === ok)!;
    expect(completed).toMatchObject({
      accountId: emu.accountId,
      jobId: 1001,
      environmentId: 101,
      projectId: 11,
      runStatusCode: 10,
    });
    expect(completed.data.runFinishedAt).toMatch(/Z$/);
    expect(emu.webhooks.deliveries().every((d) => d.status === 202)).toBe(true);
  });

  it("a duplicated delivery is processed once (the redelivery is answered 200)", async () => {
    emu = await startVirtualEmulator();
    const events: DbtCloudWebhookEvent[] = [];
    const handler = createWebhookHandler({ secret: SECRET, onEvent: (e) => void events.push(e) });
    emu.webhooks.add({ url: await serve(handler), secret: SECRET, eventTypes: ["job.run.completed"] });
    emu.webhooks.faults.add({ kind: "duplicate" });
    await trigger(workspaceFor(emu), 1001);
    await advance(900);
    await handler.drain();
    expect(events).toHaveLength(1);
    expect(emu.webhooks.deliveries().map((d) => d.status)).toEqual([202, 200]);
  });

  it("a dropped delivery never arrives", async () => {
    emu = await startVirtualEmulator();
    const events: DbtCloudWebhookEvent[] = [];
    const handler = createWebhookHandler({ secret: SECRET, onEvent: (e) => void events.push(e) });
    emu.webhooks.add({ url: await serve(handler), secret: SECRET, eventTypes: ["job.run.completed"] });
    emu.webhooks.faults.add({ kind: "drop" });
    await trigger(workspaceFor(emu), 1001);
    await advance(900);
    await handler.drain();
    expect(events).toHaveLength(0);
    expect(emu.webhooks.deliveries()).toMatchObject([{ outcome: "dropped" }]);
  });

  it("a receiver with the wrong secret answers 401 and dbt Cloud's five retries all fail", async () => {
    emu = await startVirtualEmulator();
    const events: DbtCloudWebhookEvent[] = [];
    const handler = createWebhookHandler({
      secret: "not-the-webhooks-secret",
      onEvent: (e) => void events.push(e),
    });
    emu.webhooks.add({ url: await serve(handler), secret: SECRET, eventTypes: ["job.run.completed"] });
    await trigger(workspaceFor(emu), 1001);
    await advance(900);
    for (let i = 0; i < 6; i++) await advance(3600);
    expect(emu.webhooks.deliveries().map((d) => d.status)).toEqual([401, 401, 401, 401, 401, 401]);
    expect(events).toHaveLength(0);
  });
});

describe("webhooks and polling share one cursor", () => {
  const jobs = [
    { id: 1001, name: "Daily build", behaviour: quick },
    { id: 1004, name: "Failing tests", behaviour: { ...quick, failNodes: ["stg_payments"] } },
  ];

  async function setup() {
    emu = await startVirtualEmulator(workspaceConfig(jobs));
    const ws = workspaceFor(emu);
    const sensor = buildDbtCloudPollingSensor({ workspace: ws, overlapSeconds: 300 });
    const store = new MemoryCursorStore();
    const reported: number[] = [];
    const onTick = (result: WebhookResult) => void reported.push(...result.runs.map((r) => r.runId));
    const handler = createWebhookHandler({ secret: SECRET, sensor, store, onTick });
    emu.webhooks.add({ url: await serve(handler), secret: SECRET, eventTypes: ["job.run.completed"] });
    // The first poll sets the cursor's start; later runs are reported by whichever path sees them first.
    const first = await sensor.tick();
    await store.save(first.cursor, 0);
    const poll = async () => {
      const loaded = await store.load();
      const tick = await sensor.tick({ cursor: loaded.cursor });
      await store.save(tick.cursor, loaded.version);
      reported.push(...tick.runs.map((r) => r.runId));
      return tick;
    };
    return { ws, handler, reported, poll };
  }

  it("reports each run once when webhooks are delivered, duplicated, reordered or dropped, with polling as the fallback", async () => {
    const { ws, handler, reported, poll } = await setup();
    const [delivered] = await trigger(ws, 1001);
    await advance(60);
    await handler.drain();
    expect(reported).toEqual([delivered]);

    emu!.webhooks.faults.add({ kind: "duplicate" });
    const [duplicated] = await trigger(ws, 1004);
    await advance(60);
    await handler.drain();
    expect(reported).toEqual([delivered, duplicated]);

    const [late] = await trigger(ws, 1001);
    emu!.webhooks.faults.add({ kind: "delay", runIds: [late!], delaySeconds: 120 });
    await advance(30);
    const [overtaking] = await trigger(ws, 1004);
    await advance(60);
    await handler.drain();
    expect(reported).toEqual([delivered, duplicated, overtaking]);
    await advance(120);
    await handler.drain();
    expect(reported).toEqual([delivered, duplicated, overtaking, late]);

    emu!.webhooks.faults.add({ kind: "drop" });
    const [dropped] = await trigger(ws, 1001);
    await advance(60);
    await handler.drain();
    expect(reported).toHaveLength(4);
    const tick = await poll();
    expect(tick.runs.map((r) => r.runId)).toEqual([dropped]);
    expect(reported).toEqual([delivered, duplicated, overtaking, late, dropped]);
    expect((await poll()).runs).toEqual([]);
  });
});
