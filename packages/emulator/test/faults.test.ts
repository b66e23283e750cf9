import { DbtCloudRateLimitError, type TriggerRecoveryEvent } from "@dbt-cloud-kit/client";
import { describe, expect, it } from "vitest";
import { EmulatorConfigError } from "../src/index.js";
import { clientFor, emulator, raw, v2 } from "./helpers.js";

const fastRetry = { maxAttempts: 5, baseDelayMs: 1, maxDelayMs: 5, totalBudgetMs: 30_000 };

describe("fault injection", () => {
  it("answers N requests with a status, then serves normally; the client retries through them", async () => {
    const emu = await emulator();
    const client = clientFor(emu, { retry: fastRetry });
    const run = await client.triggerJobRun(1001, { cause: "faults" });
    emu.faults.add({ operation: "getRun", count: 2, kind: "status", status: 503 });
    const read = await client.getRun(run.id);
    expect(read.id).toBe(run.id);
    const polls = emu.requests.list({ operation: "getRun" });
    expect(polls.map((p) => [p.status, p.fault])).toEqual([
      [503, "status:before:503"],
      [503, "status:before:503"],
      [200, null],
    ]);
    expect(emu.faults.list()[0]).toMatchObject({ remaining: 0, hits: 2 });
  });

  it("sends Retry-After (and x-rate-limit-retry-after-seconds) with a 429", async () => {
    const emu = await emulator();
    emu.faults.add({ operation: "listJobs", kind: "status", status: 429, retryAfterSeconds: 7 });
    const res = await raw(emu, v2(emu, "jobs/"));
    expect(res.status).toBe(429);
    expect(res.headers.get("retry-after")).toBe("7");
    expect(res.headers.get("x-rate-limit-retry-after-seconds")).toBe("7");
    expect(res.json).toMatchObject({ status: { code: 429, is_success: false } });
    emu.faults.add({ operation: "listJobs", kind: "status", status: 429, retryAfterSeconds: 3 });
    const error = await clientFor(emu)
      .listJobs()
      .toArray()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DbtCloudRateLimitError);
    expect((error as DbtCloudRateLimitError).retryAfterMs).toBe(3000);
  });

  it("serves an HTML gateway page for 502 and a truncated JSON body on request", async () => {
    const emu = await emulator();
    emu.faults.add({ operation: "getAccount", kind: "status", status: 502 });
    const html = await raw(emu, v2(emu, ""));
    expect(html.status).toBe(502);
    expect(html.headers.get("content-type")).toBe("text/html");
    expect(html.text).toContain("<title>502 Bad Gateway</title>");

    emu.faults.add({ operation: "getAccount", kind: "status", body: "truncated-json" });
    const truncated = await raw(emu, v2(emu, ""));
    expect(truncated.status).toBe(200);
    expect(truncated.json).toBeUndefined();
    expect(truncated.text.startsWith('{"status":{"code":200')).toBe(true);

    const fine = await raw(emu, v2(emu, ""));
    expect(fine.status).toBe(200);
  });

  it("delays a response beyond the client's request timeout; the client times out and retries", async () => {
    const emu = await emulator();
    const client = clientFor(emu, { retry: fastRetry, requestTimeoutMs: 200 });
    const run = await client.triggerJobRun(1001, { cause: "slow" });
    emu.faults.add({ operation: "getRun", kind: "delay", delayMs: 1_000 });
    const read = await client.getRun(run.id);
    expect(read.id).toBe(run.id);
    expect(emu.requests.count({ operation: "getRun" })).toBeGreaterThanOrEqual(1);
  });

  it("drop before the trigger: no run exists, the client triggers again and gets exactly one run", async () => {
    const emu = await emulator();
    const client = clientFor(emu);
    emu.faults.add({ operation: "triggerJobRun", kind: "drop", when: "before" });
    const events: TriggerRecoveryEvent[] = [];
    const run = await client.triggerJobRun(
      1001,
      { cause: "dropped before" },
      {
        lookupDelayMs: 0,
        onRecovery: (e) => events.push(e),
      },
    );
    expect(events.map((e) => e.kind)).toEqual(["retriggering"]);
    expect(emu.runs.list().map((r) => r.id)).toEqual([run.id]);
    expect(emu.requests.list({ operation: "triggerJobRun" }).map((r) => r.fault)).toEqual([
      "drop:before",
      null,
    ]);
  });

  it("drop after the trigger: the run exists exactly once and the client adopts it", async () => {
    const emu = await emulator();
    const client = clientFor(emu);
    emu.faults.add({ operation: "triggerJobRun", kind: "drop", when: "after" });
    const events: TriggerRecoveryEvent[] = [];
    const run = await client.triggerJobRun(
      1001,
      { cause: "dropped after" },
      {
        lookupDelayMs: 0,
        onRecovery: (e) => events.push(e),
      },
    );
    expect(events.map((e) => e.kind)).toEqual(["adopted"]);
    expect(emu.runs.list().map((r) => r.id)).toEqual([run.id]);
    expect(emu.requests.count({ operation: "triggerJobRun" })).toBe(1);
  });

  it("an HTML 502 after the run was created is adopted too (the run is not duplicated)", async () => {
    const emu = await emulator();
    const client = clientFor(emu);
    emu.faults.add({ operation: "triggerJobRun", kind: "status", status: 502, body: "html", when: "after" });
    const run = await client.triggerJobRun(1001, { cause: "html after" }, { lookupDelayMs: 0 });
    expect(emu.runs.list().map((r) => r.id)).toEqual([run.id]);
  });

  it("a delay after the trigger past the client's timeout: the run exists once", async () => {
    const emu = await emulator();
    const client = clientFor(emu, { requestTimeoutMs: 200, retry: fastRetry });
    emu.faults.add({ operation: "triggerJobRun", kind: "delay", delayMs: 800, when: "after" });
    const run = await client.triggerJobRun(1001, { cause: "slow trigger" }, { lookupDelayMs: 0 });
    expect(emu.runs.list().map((r) => r.id)).toEqual([run.id]);
  });

  it("matches '*' and a method, counts down, and can be set in config or over the admin endpoint", async () => {
    const emu = await emulator({
      faults: [{ operation: "*", method: "POST", kind: "status", status: 500, count: 1 }],
    });
    expect((await raw(emu, v2(emu, "jobs/"))).status).toBe(200);
    expect((await raw(emu, v2(emu, "jobs/1001/run/"), { method: "POST", body: { cause: "x" } })).status).toBe(
      500,
    );
    expect((await raw(emu, v2(emu, "jobs/1001/run/"), { method: "POST", body: { cause: "x" } })).status).toBe(
      200,
    );

    const added = await raw(emu, "/__emulator/faults", {
      method: "POST",
      body: { operation: "listRuns", kind: "status", status: 504, count: 1 },
      token: null,
    });
    expect(added.status).toBe(200);
    expect((await raw(emu, v2(emu, "runs/"))).status).toBe(504);
    expect((await raw(emu, v2(emu, "runs/"))).status).toBe(200);
    const bad = await raw(emu, "/__emulator/faults", {
      method: "POST",
      body: { operation: "getRnu", kind: "status", status: 500 },
      token: null,
    });
    expect(bad.status).toBe(400);
    expect((bad.json as { problems: string[] }).problems[0]).toMatch(
      /fault.operation: "getRnu" is not an operation/,
    );
  });

  it("rejects bad fault specs naming the field", async () => {
    await expect(emulator({ faults: [{ operation: "getRun", kind: "delay" }] })).rejects.toThrow(
      /faults\[0\]\.delayMs/,
    );
    const emu = await emulator();
    expect(() => emu.faults.add({ operation: "getRun", kind: "explode" as never })).toThrow(
      EmulatorConfigError,
    );
  });
});
