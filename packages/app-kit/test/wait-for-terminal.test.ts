import type { DbtCloudClient, DbtCloudRun, WaitForRunOptions } from "@dbt-cloud-kit/client";
import { DbtCloudTimeoutError } from "@dbt-cloud-kit/client";
import { describe, expect, it } from "vitest";
import { waitForTerminal } from "../src/run-flow/wait-for-terminal.js";
import { describeStatusChange } from "../src/status/status-line.js";

const run = (fields: Partial<DbtCloudRun>): DbtCloudRun => ({ id: 5, status: 1, ...fields }) as DbtCloudRun;
const noop = () => undefined;

/** A client whose waitForRun reports `reads` (one per second of a fake clock), then ends with `end`. */
function fakeClient(reads: DbtCloudRun[], end: DbtCloudRun | Error) {
  let time = 0;
  const seen: WaitForRunOptions[] = [];
  const client = {
    clock: { now: () => time, random: () => 0.5, sleep: async () => undefined },
    logger: { debug: noop, info: noop, warn: noop, error: noop },
    waitForRun: async (_id: number, options: WaitForRunOptions) => {
      seen.push(options);
      for (const r of reads) {
        time += 1000;
        await options.onPoll?.(r);
      }
      if (end instanceof Error) throw end;
      return end;
    },
  } as unknown as Pick<DbtCloudClient, "waitForRun" | "clock" | "logger">;
  return { client, seen };
}

const base = { pollIntervalMs: 10_000, timeoutMs: 0, signal: new AbortController().signal };

describe("waitForTerminal", () => {
  it("reports one status line per change of status or queue position, and every read", async () => {
    const reads = [
      run({ status: 1, blocked_by: [3, 4] }),
      run({ status: 1, blocked_by: [3, 4] }),
      run({ status: 1, blocked_by: [4] }),
      run({ status: 3 }),
      run({ status: 3 }),
      run({ status: 20, status_message: "boom" }),
    ];
    const { client, seen } = fakeClient(reads, reads.at(-1) as DbtCloudRun);
    const lines: [string, string][] = [];
    const polled: DbtCloudRun[] = [];
    const outcome = await waitForTerminal(client, 5, {
      ...base,
      onPoll: (r) => void polled.push(r),
      onStatusLine: (trusted, untrusted) => void lines.push([trusted, untrusted]),
    });
    expect(outcome).toEqual({ kind: "finished", run: reads.at(-1) });
    expect(polled).toHaveLength(6);
    expect(lines).toEqual([
      ["[1s] Run 5: Queued — queue position 3, waiting behind runs 3, 4", ""],
      ["[3s] Run 5: Queued — queue position 2, waiting behind run 4", ""],
      ["[4s] Run 5: Running", ""],
      ["[6s] Run 5: Error", " — boom"],
    ]);
    expect(seen[0]).toMatchObject({
      pollIntervalMs: 10_000,
      initialPollIntervalMs: 1000,
      maxConsecutiveReadErrors: 5,
    });
    expect(seen[0]?.timeoutMs).toBeUndefined();
  });

  it("the dbt Cloud queue position wins over the count of blocking runs", () => {
    expect(describeStatusChange(run({ queued_position: 7, blocked_by: [] }), 0)).toBe(
      "[0s] Run 5: Queued — queue position 7",
    );
  });

  it("a timeout is an outcome with the last run", async () => {
    const last = run({ status: 3 });
    const { client, seen } = fakeClient([last], new DbtCloudTimeoutError(5, 60_000, undefined));
    const outcome = await waitForTerminal(client, 5, { ...base, timeoutMs: 60_000 });
    expect(outcome).toEqual({ kind: "timeout", run: last });
    expect(seen[0]?.timeoutMs).toBe(60_000);
  });

  it("an abort is an outcome with the reason; other errors propagate", async () => {
    const controller = new AbortController();
    controller.abort(new Error("received SIGTERM"));
    const aborted = fakeClient([run({ status: 3 })], new Error("aborted"));
    await expect(waitForTerminal(aborted.client, 5, { ...base, signal: controller.signal })).resolves.toEqual(
      {
        kind: "aborted",
        run: run({ status: 3 }),
        reason: "received SIGTERM",
      },
    );
    const failing = fakeClient([], new Error("HTTP 401"));
    await expect(waitForTerminal(failing.client, 5, base)).rejects.toThrow("HTTP 401");
  });
});
