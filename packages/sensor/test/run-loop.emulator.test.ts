import { once } from "node:events";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Emulator } from "@dbt-cloud-kit/emulator";
import { afterEach, describe, expect, it } from "vitest";
import {
  buildDbtCloudPollingSensor,
  createWebhookHandler,
  DbtCloudWebhookSignatureError,
  FileCursorStore,
  MemoryCursorStore,
  type WebhookResult,
} from "../src/index.js";
import {
  CI_ENV,
  emulatorClock,
  recordingLogger,
  startVirtualEmulator,
  trigger,
  workspaceFor,
} from "./support/emulator-fixture.js";

let emu: Emulator | undefined;
let server: Server | undefined;
let dir: string | undefined;
afterEach(async () => {
  server?.close();
  await emu?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
  emu = undefined;
  server = undefined;
  dir = undefined;
});

describe("run() loops", () => {
  it("two sensor loops on one file store: one holds the lease, the other takes over, every run reported once", async () => {
    emu = await startVirtualEmulator();
    dir = await mkdtemp(join(tmpdir(), "sensor-loops-"));
    const store = new FileCursorStore(join(dir, "cursor.json"));
    const start = emu.clock.now();
    const setup = workspaceFor(emu);
    const triggered: number[] = [];
    // The world moves on as the loops sleep: a new run of some job every few emulated minutes.
    const jobs = [1001, 1004, 1005, 1007, 1002];
    let nextAt = start;
    const onSleep = async () => {
      const e = emu as Emulator;
      while (triggered.length < 15 && e.clock.now() >= nextAt) {
        triggered.push(...(await trigger(setup, jobs[triggered.length % jobs.length] as number)));
        nextAt += 150_000;
      }
    };
    const a = buildDbtCloudPollingSensor({
      workspace: workspaceFor(emu, { clock: emulatorClock(emu, onSleep) }),
    });
    const b = buildDbtCloudPollingSensor({
      workspace: workspaceFor(emu, { clock: emulatorClock(emu, onSleep) }),
    });
    const stopA = new AbortController();
    const stopB = new AbortController();
    const reports: { who: "a" | "b"; runId: number }[] = [];
    const timeLimit = start + 6 * 3600_000;
    const check = () => {
      const done = reports.length >= 15 || (emu as Emulator).clock.now() > timeLimit;
      if (done) {
        stopA.abort();
        stopB.abort();
      }
    };
    const loopA = a.run({
      store,
      signal: stopA.signal,
      onTick: (result) => {
        for (const run of result.runs) reports.push({ who: "a", runId: run.runId });
        if (reports.length >= 5) stopA.abort(); // replica a goes away; b must take over
        check();
      },
    });
    const loopB = b.run({
      store,
      signal: stopB.signal,
      onTick: (result) => {
        for (const run of result.runs) reports.push({ who: "b", runId: run.runId });
        check();
      },
    });
    await Promise.all([loopA, loopB]);
    expect(triggered).toHaveLength(15);
    expect(reports.map((r) => r.runId).sort()).toEqual([...triggered].sort());
    const firstB = reports.findIndex((r) => r.who === "b");
    expect(firstB).toBeGreaterThan(0);
    expect(reports.slice(firstB).every((r) => r.who === "b")).toBe(true);
    expect(reports.slice(0, firstB).every((r) => r.who === "a")).toBe(true);
  });

  it("settles promptly after the abort, releases its lease and validates its options", async () => {
    emu = await startVirtualEmulator();
    const store = new MemoryCursorStore();
    const sensor = buildDbtCloudPollingSensor({ workspace: workspaceFor(emu) });
    const stop = new AbortController();
    let ticks = 0;
    const clock = emulatorClock(emu, () => {
      if (++ticks === 3) stop.abort();
    });
    const looping = buildDbtCloudPollingSensor({ workspace: workspaceFor(emu, { clock }) });
    await looping.run({ store, signal: stop.signal, onTick: () => {} });
    expect(await store.acquireLease({ owner: "someone else", ttlMs: 1000, now: emu.clock.now() })).toBe(true);
    await expect(
      sensor.run({ store: {} as MemoryCursorStore, signal: stop.signal, onTick: () => {} }),
    ).rejects.toThrow(/store: has no load\(\) method/);
    await expect(
      sensor.run({ store, signal: undefined as unknown as AbortSignal, onTick: () => {} }),
    ).rejects.toThrow(/signal: is missing/);
  });

  it("reports again after a crash between onTick and the commit (at-least-once), never otherwise", async () => {
    emu = await startVirtualEmulator();
    const ws = workspaceFor(emu);
    await trigger(ws, 1001, 2);
    emu.clock.advanceSeconds(3600);
    const store = new MemoryCursorStore();
    const sensor = buildDbtCloudPollingSensor({ workspace: ws, lookbackSeconds: 7200 });
    const stop = new AbortController();
    const crash = new Error("process died before commit");
    const seen: number[] = [];
    let calls = 0;
    const logger = recordingLogger();
    const crashing = buildDbtCloudPollingSensor({
      workspace: workspaceFor(emu, { logger }),
      lookbackSeconds: 7200,
    });
    await crashing.run({
      store,
      signal: stop.signal,
      onTick: (result) => {
        calls++;
        seen.push(...result.runs.map((r) => r.runId));
        if (calls === 1) throw crash;
        stop.abort();
      },
    });
    expect(seen).toHaveLength(4); // the same two runs twice: the first delivery was never committed
    expect(logger.lines.some((l) => l.includes("process died before commit"))).toBe(true);
    const after = await sensor.tick({ cursor: (await store.load()).cursor });
    expect(after.runs).toEqual([]);
  });
});

describe("webhooks with polling as the fallback", () => {
  it("reports every run once when deliveries are dropped, duplicated and reordered", async () => {
    const secret = "webhook-secret-for-tests";
    const receiverReady = createServer();
    await once(receiverReady.listen(0, "127.0.0.1"), "listening");
    server = receiverReady;
    const url = `http://127.0.0.1:${(receiverReady.address() as AddressInfo).port}/dbt`;
    emu = await startVirtualEmulator({
      clock: { mode: "virtual" },
      webhooks: [{ url, secret, eventTypes: ["job.run.completed", "job.run.errored"] }],
      webhookFaults: [
        { kind: "drop", eventTypes: ["job.run.completed"], count: 3 },
        { kind: "duplicate", count: 3 },
        { kind: "delay", delaySeconds: 400, count: 2 },
      ],
    } as never);
    const store = new MemoryCursorStore();
    const stop = new AbortController();
    const limit = emu.clock.now() + 8 * 3600_000;
    const viaWebhook: number[] = [];
    const viaPolling: number[] = [];
    const setup = workspaceFor(emu);
    const triggered: number[] = [];
    let handler: ReturnType<typeof createWebhookHandler> | undefined;
    const onSleep = async () => {
      const e = emu as Emulator;
      if (triggered.length < 10) {
        triggered.push(
          ...(await trigger(setup, [1001, 1004, 1007, 1005, 1006][triggered.length % 5] as number)),
        );
      }
      await e.webhooks.settled();
      await handler?.drain();
      if (viaPolling.length + viaWebhook.length >= 10 || e.clock.now() > limit) stop.abort();
    };
    const sensor = buildDbtCloudPollingSensor({
      workspace: workspaceFor(emu, { clock: emulatorClock(emu, onSleep) }),
      minimumIntervalSeconds: 120,
    });
    handler = createWebhookHandler({
      secret,
      sensor,
      store,
      onTick: (result: WebhookResult) => {
        viaWebhook.push(...result.runs.map((r) => r.runId));
      },
    });
    receiverReady.on("request", handler);
    await sensor.run({
      store,
      signal: stop.signal,
      onTick: (result) => {
        viaPolling.push(...result.runs.map((r) => r.runId));
        if (viaPolling.length + viaWebhook.length >= 10 || (emu as Emulator).clock.now() > limit)
          stop.abort();
      },
    });
    // Late deliveries (retries, delayed ones) after everything was reported change nothing.
    emu.clock.advanceSeconds(3600);
    await emu.webhooks.settled();
    await handler.drain();
    const all = [...viaWebhook, ...viaPolling].sort();
    expect(all).toEqual([...triggered].sort());
    expect(viaWebhook.length).toBeGreaterThan(0);
    expect(viaPolling.length).toBeGreaterThan(0);
    expect(emu.webhooks.deliveries({ outcome: "dropped" } as never).length).toBe(3);
  });

  it("handleWebhook: verifies, reports a run in scope once, and nothing for redeliveries or other scopes", async () => {
    const secret = "s3cret-for-tests";
    const bodies: { body: string; authorization: string }[] = [];
    const receiver = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        bodies.push({
          body: Buffer.concat(chunks).toString("utf8"),
          authorization: String(req.headers.authorization),
        });
        res.writeHead(200).end();
      });
    });
    await once(receiver.listen(0, "127.0.0.1"), "listening");
    server = receiver;
    emu = await startVirtualEmulator({
      clock: { mode: "virtual" },
      webhooks: [
        {
          url: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/`,
          secret,
          eventTypes: ["job.run.completed"],
        },
      ],
    } as never);
    const ws = workspaceFor(emu);
    const sensor = buildDbtCloudPollingSensor({ workspace: ws, lookbackSeconds: 7200 });
    const [failing] = await trigger(ws, 1004);
    const [ci] = await trigger(workspaceFor(emu, { environmentId: CI_ENV }), 1003);
    emu.clock.advanceSeconds(3600);
    await emu.webhooks.settled();
    const of = (runId: number | undefined) =>
      bodies.find((b) => JSON.parse(b.body).data.runId === String(runId));
    const delivery = of(failing);
    expect(delivery).toBeDefined();
    const first = await sensor.handleWebhook({
      rawBody: delivery?.body as string,
      headers: { Authorization: delivery?.authorization },
      secret,
    });
    expect(first.runs.map((r) => r.runId)).toEqual([failing]);
    expect(first.runs[0]).toMatchObject({ status: 20, hasArtifacts: true });
    expect(first.events.some((e) => e.type === "check_result" && !e.passed)).toBe(true);
    expect(first.events.every((e) => e.runId === failing)).toBe(true);
    // A redelivery with the cursor that came back: nothing.
    const again = await sensor.handleWebhook({
      rawBody: delivery?.body as string,
      headers: { authorization: delivery?.authorization },
      secret,
      cursor: first.cursor,
    });
    expect(again.runs).toEqual([]);
    // Polling with the same cursor does not report it again.
    const polled = await sensor.tick({ cursor: first.cursor });
    expect(polled.runs.map((r) => r.runId)).not.toContain(failing);
    // A run of another environment: verified, not reported, no request for it.
    const other = of(ci);
    emu.requests.clear();
    const foreign = await sensor.handleWebhook({
      rawBody: other?.body as string,
      headers: { authorization: other?.authorization },
      secret,
      cursor: first.cursor,
    });
    expect(foreign.runs).toEqual([]);
    expect(emu.requests.count()).toBe(0);
    // A wrong signature is a typed error.
    await expect(
      sensor.handleWebhook({
        rawBody: delivery?.body as string,
        headers: { authorization: "0".repeat(64) },
        secret,
      }),
    ).rejects.toThrow(DbtCloudWebhookSignatureError);
  });
});
