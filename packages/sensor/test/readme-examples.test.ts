import { once } from "node:events";
import { mkdtemp, rm } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Emulator } from "@dbt-cloud-kit/emulator";
import { afterEach, describe, expect, it, vi } from "vitest";
import { main as workflowTick } from "../examples/github-workflow-tick.js";
import { main as longRunning } from "../examples/long-running.js";
import { start as webhookEndpoint } from "../examples/webhook-endpoint.js";
import type { SensorRun, TickResult } from "../src/index.js";
import { emulatorClock, startVirtualEmulator, trigger, workspaceFor } from "./support/emulator-fixture.js";

let emu: Emulator | undefined;
let dir: string | undefined;
afterEach(async () => {
  await emu?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
  emu = undefined;
  dir = undefined;
});

describe("README examples", () => {
  it("long-running process: reports runs as they finish until stopped", async () => {
    emu = await startVirtualEmulator();
    dir = await mkdtemp(join(tmpdir(), "sensor-example-"));
    const setup = workspaceFor(emu);
    const triggered: number[] = [];
    const stop = new AbortController();
    const reported: number[] = [];
    const clock = emulatorClock(emu, async () => {
      if (triggered.length < 4)
        triggered.push(...(await trigger(setup, [1001, 1004][triggered.length % 2] as number)));
      if (reported.length >= 4 || (emu as Emulator).clock.now() > Date.parse("2100-01-01")) stop.abort();
    });
    vi.spyOn(console, "log").mockImplementation(() => {});
    await longRunning({
      workspace: workspaceFor(emu, { clock }),
      signal: stop.signal,
      cursorFile: join(dir, "cursor.json"),
      onTick: (r: TickResult) => reported.push(...r.runs.map((run) => run.runId)),
    });
    expect(reported.sort()).toEqual(triggered.sort());
  });

  it("scheduled GitHub workflow: one tick per invocation, the cursor file kept between them", async () => {
    emu = await startVirtualEmulator();
    dir = await mkdtemp(join(tmpdir(), "sensor-example-"));
    const ws = workspaceFor(emu);
    const cursorFile = join(dir, "cursor.json");
    const lines: string[] = [];
    await workflowTick({ workspace: ws, cursorFile, write: (l) => lines.push(l) }); // first run: starts the cursor
    const first = await trigger(ws, 1001);
    emu.clock.advanceSeconds(900); // the next scheduled invocation
    const a = await workflowTick({ workspace: ws, cursorFile, write: (l) => lines.push(l) });
    const second = await trigger(ws, 1004);
    emu.clock.advanceSeconds(900);
    const b = await workflowTick({ workspace: ws, cursorFile, write: (l) => lines.push(l) });
    const c = await workflowTick({ workspace: ws, cursorFile, write: (l) => lines.push(l) });
    expect(a.runs.map((r) => r.runId)).toEqual(first);
    expect(b.runs.map((r) => r.runId)).toEqual(second);
    expect(c.runs).toEqual([]);
    const events = lines.map((l) => JSON.parse(l) as { runId: number });
    expect(new Set(events.map((e) => e.runId))).toEqual(new Set([...first, ...second]));
  });

  it("webhook endpoint: pushed runs are reported at once, polling catches a dropped delivery, each once", async () => {
    const secret = "example-webhook-secret";
    const stop = new AbortController();
    const reports: { run: SensorRun; via: string }[] = [];
    // The server needs a port before the emulator can subscribe it; the sensor is wired right after.
    const { createServer } = await import("node:http");
    const placeholder = createServer();
    await once(placeholder.listen(0, "127.0.0.1"), "listening");
    const port = (placeholder.address() as AddressInfo).port;
    placeholder.close();
    emu = await startVirtualEmulator({
      clock: { mode: "virtual" },
      webhooks: [{ url: `http://127.0.0.1:${port}/dbt-cloud`, secret, eventTypes: ["job.run.completed"] }],
      webhookFaults: [{ kind: "drop", count: 1 }],
    } as never);
    const setup = workspaceFor(emu);
    const triggered: number[] = [];
    let endpoint: ReturnType<typeof webhookEndpoint> | undefined;
    const clock = emulatorClock(emu, async () => {
      const e = emu as Emulator;
      if (triggered.length < 3) triggered.push(...(await trigger(setup, 1001)));
      await e.webhooks.settled();
      await endpoint?.handler.drain();
      if (reports.length >= 3) stop.abort();
    });
    endpoint = webhookEndpoint({
      workspace: workspaceFor(emu, { clock }),
      secret,
      signal: stop.signal,
      report: (run, via) => reports.push({ run, via }),
    });
    endpoint.server.listen(port, "127.0.0.1");
    await once(endpoint.server, "listening");
    await endpoint.polling;
    endpoint.server.close();
    expect(reports.map((r) => r.run.runId).sort()).toEqual(triggered.sort());
    expect(reports.some((r) => r.via === "webhook")).toBe(true);
    expect(reports.some((r) => r.via === "polling")).toBe(true);
  });
});
