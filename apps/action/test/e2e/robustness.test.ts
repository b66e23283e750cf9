import type { Emulator } from "@dbt-cloud-kit/emulator";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { baseInputs, emulator, JOBS } from "./emulator-env.js";
import { runBundle } from "./run-bundle.js";

let emu: Emulator;
beforeEach(async () => {
  emu = await emulator();
});
afterEach(async () => {
  await emu.close();
});

const faulted = (operation: string) => emu.requests.list({ operation }).filter((r) => r.fault !== null);

describe("transient API failures never fail a wait", () => {
  it("honours a 429 with Retry-After while polling", async () => {
    emu.faults.add({ operation: "getRun", kind: "status", status: 429, retryAfterSeconds: 1, count: 1 });
    const result = await runBundle({ inputs: baseInputs(emu, JOBS.daily) });
    expect(result.code).toBe(0);
    expect(result.outputs.status).toBe("success");
    expect(faulted("getRun").map((r) => r.fault)).toEqual([expect.stringMatching(/429/)]);
    const polls = emu.requests.list({ operation: "getRun" });
    const after = polls[polls.findIndex((r) => r.fault !== null) + 1];
    expect(after).toBeDefined();
    // The next poll came no earlier than the server asked (wall-clock order, not speed).
    const gap = Date.parse(after?.at ?? "") - Date.parse(faulted("getRun")[0]?.at ?? "");
    expect(gap).toBeGreaterThanOrEqual(900);
  });

  it("rides out a burst of 5xx responses", async () => {
    emu.faults.add({ operation: "getRun", kind: "status", status: 503, count: 3 });
    const result = await runBundle({ inputs: baseInputs(emu, JOBS.daily) });
    expect(result.code).toBe(0);
    expect(result.outputs.status).toBe("success");
    expect(faulted("getRun")).toHaveLength(3);
  });

  it("treats an HTML 502 gateway page as transient", async () => {
    emu.faults.add({ operation: "getRun", kind: "status", status: 502, body: "html", count: 2 });
    const result = await runBundle({ inputs: baseInputs(emu, JOBS.daily) });
    expect(result.code).toBe(0);
    expect(result.outputs.status).toBe("success");
  });

  it("keeps waiting after a poll answered with truncated JSON", async () => {
    emu.faults.add({ operation: "getRun", kind: "status", body: "truncated-json", when: "after", count: 1 });
    const result = await runBundle({ inputs: baseInputs(emu, JOBS.daily) });
    expect(result.code).toBe(0);
    expect(result.outputs.status).toBe("success");
    expect(faulted("getRun")).toHaveLength(1);
    // The client retries a body that is not JSON like any transient failure, and says so.
    expect(result.stdout).toMatch(/not JSON.*; retrying in [\d.]+ s \(attempt 2\/\d+\)/);
  });

  it("times out a response slower than request-timeout and retries it", async () => {
    emu.faults.add({ operation: "getRun", kind: "delay", delayMs: 3000, count: 1 });
    const result = await runBundle({ inputs: { ...baseInputs(emu, JOBS.daily), "request-timeout": "0.5" } });
    expect(result.code).toBe(0);
    expect(result.outputs.status).toBe("success");
    expect(result.stdout).toMatch(/timed out/);
  });

  it("never triggers twice when the trigger response is lost", async () => {
    emu.faults.add({ operation: "triggerJobRun", kind: "drop", when: "after", count: 1 });
    const result = await runBundle({ inputs: baseInputs(emu, JOBS.daily) });
    expect(result.code).toBe(0);
    expect(emu.runs.list({ jobId: JOBS.daily })).toHaveLength(1);
    const [run] = emu.runs.list({ jobId: JOBS.daily });
    expect(result.outputs["run-id"]).toBe(String(run?.id));
    expect(result.stdout).toMatch(/found the run it created/);
  });

  it("triggers again when the lost trigger created no run", async () => {
    emu.faults.add({ operation: "triggerJobRun", kind: "drop", when: "before", count: 1 });
    const result = await runBundle({ inputs: baseInputs(emu, JOBS.daily) });
    expect(result.code).toBe(0);
    expect(emu.runs.list({ jobId: JOBS.daily })).toHaveLength(1);
    expect(emu.requests.count({ operation: "triggerJobRun" })).toBe(2);
  });

  it("adopts the run when the trigger's answer is truncated JSON", async () => {
    emu.faults.add({
      operation: "triggerJobRun",
      kind: "status",
      body: "truncated-json",
      when: "after",
      count: 1,
    });
    const result = await runBundle({ inputs: baseInputs(emu, JOBS.daily) });
    expect(result.code).toBe(0);
    expect(emu.runs.list({ jobId: JOBS.daily })).toHaveLength(1);
    expect(emu.requests.count({ operation: "triggerJobRun" })).toBe(1);
  });
});
