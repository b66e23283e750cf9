import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { RequestLogEntry } from "../src/index.js";
import { clientFor, emulator, raw, v2 } from "./helpers.js";

describe("admin endpoints and the request log", () => {
  it("serves the request log as JSON lines, filters it, clears it, and mirrors it to a file", async () => {
    const dir = await mkdtemp(join(tmpdir(), "emu-log-"));
    try {
      const emu = await emulator({ requestLogPath: join(dir, "log.jsonl") });
      const client = clientFor(emu);
      const run = await client.triggerJobRun(1001, { cause: "logged" });
      await client.getRun(run.id);
      await client.getRun(run.id);
      await raw(emu, v2(emu, "runs/999/"));

      const res = await raw(emu, "/__emulator/requests?operation=getRun", { token: null });
      expect(res.headers.get("content-type")).toBe("application/x-ndjson");
      const lines = res.text
        .trim()
        .split("\n")
        .map((l) => JSON.parse(l) as RequestLogEntry);
      expect(lines.map((l) => [l.method, l.path, l.status])).toEqual([
        ["GET", v2(emu, `runs/${run.id}/`), 200],
        ["GET", v2(emu, `runs/${run.id}/`), 200],
        ["GET", v2(emu, "runs/999/"), 404],
      ]);
      const trigger = emu.requests.list({ operation: "triggerJobRun" })[0];
      expect(trigger).toMatchObject({
        method: "POST",
        accountId: emu.accountId,
        status: 200,
        body: { cause: "logged" },
      });
      expect(emu.requests.count({ method: "get" })).toBe(3);

      const file = (await readFile(join(dir, "log.jsonl"), "utf8")).trim().split("\n");
      expect(file.length).toBe(4);
      expect((JSON.parse(file[0]!) as RequestLogEntry).operation).toBe("triggerJobRun");

      expect((await raw(emu, "/__emulator/requests", { method: "DELETE", token: null })).status).toBe(200);
      expect(emu.requests.count()).toBe(0);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("moves the virtual clock, lists and clears faults, lists jobs, and reports health", async () => {
    const emu = await emulator();
    const client = clientFor(emu);
    const run = await client.triggerJobRun(1001, { cause: "admin clock" });
    const before = await raw(emu, "/__emulator/clock", { token: null });
    expect(before.json).toMatchObject({ mode: "virtual", speed: 0 });
    const moved = await raw(emu, "/__emulator/clock/advance", {
      method: "POST",
      body: { seconds: 3600 },
      token: null,
    });
    expect(moved.status).toBe(200);
    expect((await client.getRun(run.id)).status).toBe(10);
    expect(
      (await raw(emu, "/__emulator/clock/advance", { method: "POST", body: { seconds: -1 }, token: null }))
        .status,
    ).toBe(400);

    emu.faults.add({ operation: "getRun", kind: "status", status: 500, count: 3 });
    const faults = await raw(emu, "/__emulator/faults", { token: null });
    expect(faults.json).toEqual([expect.objectContaining({ operation: "getRun", remaining: 3 })]);
    await raw(emu, "/__emulator/faults", { method: "DELETE", token: null });
    expect(emu.faults.list()).toEqual([]);

    const jobs = (await raw(emu, "/__emulator/jobs", { token: null })).json as Array<{
      id: number;
      name: string;
    }>;
    expect(jobs.map((j) => j.id)).toEqual([1001, 1002, 1004, 1005, 1006, 1007, 1003]);
    expect((await raw(emu, "/__emulator/health", { token: null })).json).toEqual({ ok: true });
    expect((await raw(emu, "/__emulator/nope", { token: null })).status).toBe(404);
  });

  it("closes when its AbortSignal aborts", async () => {
    const controller = new AbortController();
    const emu = await emulator({ signal: controller.signal });
    expect((await raw(emu, "/__emulator/health", { token: null })).status).toBe(200);
    controller.abort();
    await emu.close();
    await expect(fetch(`${emu.url}/__emulator/health`)).rejects.toThrow();
    await expect(emulator({ signal: AbortSignal.abort() })).rejects.toThrow();
  });
});

describe("RequestLog", () => {
  it("keeps the newest entries up to its limit, numbering every request", async () => {
    const { RequestLog } = await import("../src/http/request-log.js");
    const log = new RequestLog(undefined, 3);
    for (let i = 0; i < 5; i++) {
      log.record({
        at: "",
        emulatedAt: "",
        method: "GET",
        path: `/p${i}`,
        query: "",
        operation: "getRun",
        accountId: 1,
        status: 200,
        durationMs: 0,
        fault: null,
        body: null,
      });
    }
    expect(log.list().map((e) => [e.seq, e.path])).toEqual([
      [3, "/p2"],
      [4, "/p3"],
      [5, "/p4"],
    ]);
  });
});
