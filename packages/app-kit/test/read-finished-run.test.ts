import type { DbtCloudRun } from "@dbt-cloud-kit/client";
import { describe, expect, it, vi } from "vitest";
import { readFinishedRun } from "../src/run-flow/read-finished-run.js";

// core.debug writes `::debug::` lines to stdout; they belong in a runner's log, not in the test output.
vi.mock("@actions/core", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@actions/core")>()),
  debug: vi.fn(),
}));

const failed = (logs: string) =>
  ({
    id: 9,
    status: 20,
    run_steps: [{ index: 1, status: 20, name: "Invoke dbt with `dbt build`", logs }],
  }) as unknown as DbtCloudRun;

function fakeClient(answers: (DbtCloudRun | Error)[]) {
  const calls: unknown[] = [];
  const sleeps: number[] = [];
  return {
    calls,
    sleeps,
    clock: { now: () => 0, random: () => 0.5, sleep: async (ms: number) => void sleeps.push(ms) },
    getRun: async (_id: number, options: unknown) => {
      calls.push(options);
      const next = answers.shift();
      if (next instanceof Error) throw next;
      return next as DbtCloudRun;
    },
  };
}

const quiet = { info: () => {}, warn: () => {}, debug: () => {} };

describe("readFinishedRun", () => {
  it("reads steps and trigger once", async () => {
    const client = fakeClient([failed("boom")]);
    const run = await readFinishedRun(client, failed(""), 1, new AbortController().signal, quiet);
    expect(run.run_steps?.[0]?.logs).toBe("boom");
    expect(client.calls).toEqual([expect.objectContaining({ includeRelated: ["run_steps", "trigger"] })]);
  });

  it("reads once more when the failed step's logs are not stored yet", async () => {
    const client = fakeClient([failed(""), failed("late logs")]);
    const run = await readFinishedRun(client, failed(""), 5000, new AbortController().signal, quiet);
    expect(run.run_steps?.[0]?.logs).toBe("late logs");
    expect(client.calls).toHaveLength(2);
    // On the client's clock, not a timer of its own.
    expect(client.sleeps).toEqual([5000]);
  });

  it("falls back to the polled run when the read fails", async () => {
    const client = fakeClient([new Error("HTTP 500")]);
    const lines: string[] = [];
    const polled = failed("");
    expect(
      await readFinishedRun(client, polled, 1, new AbortController().signal, {
        ...quiet,
        warn: (trusted, untrusted) => lines.push(`${trusted}${untrusted ?? ""}`),
      }),
    ).toBe(polled);
    expect(lines[0]).toMatch(/Could not read the steps of run 9: HTTP 500/);
  });
});
