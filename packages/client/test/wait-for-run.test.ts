import { http } from "msw";
import { describe, expect, it } from "vitest";
import {
  assertRunSucceeded,
  DbtCloudNotFoundError,
  type DbtCloudRun,
  DbtCloudRunFailedError,
  DbtCloudTimeoutError,
  isTerminalStatus,
  RunStatus,
  runStatusName,
  waitForRun,
} from "../src/index.js";
import { apiError, makeClient, ok, run, useServer, V2, virtualClock } from "./helpers.js";

const server = useServer();

/** Serves `statuses` in order (the last one repeats) and records each request. */
function serveStatuses(statuses: number[], extra: Partial<DbtCloudRun> = {}) {
  const urls: URL[] = [];
  server.use(
    http.get(`${V2}/runs/:id/`, ({ request, params }) => {
      urls.push(new URL(request.url));
      const status = statuses[Math.min(urls.length - 1, statuses.length - 1)] as number;
      return ok(run({ id: Number(params.id), status, ...extra }));
    }),
  );
  return urls;
}

describe("run status helpers", () => {
  it("knows the codes", () => {
    expect(RunStatus).toEqual({ Queued: 1, Starting: 2, Running: 3, Success: 10, Error: 20, Cancelled: 30 });
    expect([1, 2, 3, 10, 20, 30, 40].map(isTerminalStatus)).toEqual([
      false,
      false,
      false,
      true,
      true,
      true,
      false,
    ]);
    expect(runStatusName(3)).toBe("Running");
    expect(runStatusName(99)).toBe("Unknown (99)");
  });

  it("assertRunSucceeded throws a run error carrying the run for 20 and 30", () => {
    expect(assertRunSucceeded(run({ status: 10 })).status).toBe(10);
    const error = (() => {
      try {
        assertRunSucceeded(run({ status: 20, status_message: "Database Error" }));
      } catch (e) {
        return e as DbtCloudRunFailedError;
      }
    })();
    expect(error).toBeInstanceOf(DbtCloudRunFailedError);
    expect(error?.run.status).toBe(20);
    expect(error?.message).toMatch(/ended with status Error: Database Error/);
    expect(() => assertRunSucceeded(run({ status: 30 }))).toThrow(/Cancelled/);
    expect(() => assertRunSucceeded(run({ status: 3 }))).toThrow(/has not finished \(status Running\)/);
    expect(() => assertRunSucceeded(run({ status: 3 }))).not.toThrow(DbtCloudRunFailedError);
  });
});

describe("waitForRun", () => {
  it("polls until terminal, reports each status change once, and returns the final run", async () => {
    const urls = serveStatuses([1, 1, 2, 3, 3, 3, 10]);
    const { client, vc } = makeClient();
    const changes: [number, number | undefined][] = [];
    const final = await client.waitForRun(5001, {
      onStatusChange: (r, previous) => {
        changes.push([r.status, previous?.status]);
      },
    });
    expect(final.status).toBe(10);
    expect(urls).toHaveLength(7);
    expect(changes).toEqual([
      [1, undefined],
      [2, 1],
      [3, 2],
      [10, 3],
    ]);
    // never include_related while polling
    expect(urls.every((u) => u.search === "")).toBe(true);
    // starts near 1 s
    expect(vc.sleeps.slice(0, 3)).toEqual([1000, 1000, 1000]);
  });

  it("returns error and cancelled runs (does not throw)", async () => {
    serveStatuses([3, 20]);
    const { client } = makeClient();
    expect((await client.waitForRun(1)).status).toBe(20);
    serveStatuses([30]);
    expect((await client.waitForRun(1)).status).toBe(30);
  });

  it("keeps polling through unknown status codes and warns once", async () => {
    serveStatuses([3, 42, 42, 42, 10]);
    const { client, log } = makeClient();
    expect((await client.waitForRun(1)).status).toBe(10);
    expect(
      log.lines.filter((l) => l.level === "warn" && /unknown status code 42/.test(l.message)),
    ).toHaveLength(1);
  });

  it("grows the gap toward the cap and never beyond", async () => {
    serveStatuses([...Array(200).fill(3), 10]);
    const { client, vc } = makeClient();
    await client.waitForRun(1, { pollIntervalMs: 5_000 });
    expect(Math.max(...vc.sleeps)).toBe(5_000);
    expect(vc.sleeps[0]).toBe(1000);
    for (let i = 1; i < vc.sleeps.length; i++)
      expect(vc.sleeps[i]).toBeGreaterThanOrEqual(vc.sleeps[i - 1] as number);
  });

  it("exposes queue details while queued", async () => {
    serveStatuses([1, 1, 10], { blocked_by: [4999], queued_position: 2 } as Partial<DbtCloudRun>);
    const { client } = makeClient();
    const seen: unknown[] = [];
    await client.waitForRun(1, { onPoll: (r) => void seen.push([r.blocked_by, r.queued_position]) });
    expect(seen[0]).toEqual([[4999], 2]);
  });

  it("re-reads once at the deadline and returns the run if it finished just in time", async () => {
    const urls = serveStatuses([3, 3, 3, 10]);
    const { client, vc } = makeClient();
    const started = vc.now;
    const final = await client.waitForRun(1, { timeoutMs: 3_000 });
    expect(final.status).toBe(10);
    // reads at 0, 1 and 2 s; the read at the 3 s deadline is the final re-read, and it is terminal
    expect(urls.length).toBe(4);
    expect(vc.now - started).toBe(3_000);
  });

  it("throws DbtCloudTimeoutError with the last run after the final re-read", async () => {
    const urls = serveStatuses([1, 1, 3]);
    const { client, vc } = makeClient();
    const started = vc.now;
    const error = (await client
      .waitForRun(7, { timeoutMs: 2_500 })
      .catch((e: unknown) => e)) as DbtCloudTimeoutError;
    expect(error).toBeInstanceOf(DbtCloudTimeoutError);
    expect(error.lastRun?.status).toBe(3);
    expect(error.runId).toBe(7);
    expect(error.message).toMatch(
      /did not finish within 3 s; last status: Running\. The run may still be going/,
    );
    // polls at 0, 1, 2 and the final re-read exactly at the deadline
    expect(vc.now - started).toBe(2_500);
    expect(urls).toHaveLength(4);
  });

  it("rides out an API outage longer than the client's retry budget, then gives up after too many failed reads", async () => {
    let reads = 0;
    server.use(
      http.get(`${V2}/runs/:id/`, () => {
        reads++;
        if (reads >= 2 && reads <= 3) return apiError(503, "maintenance");
        return ok(run({ id: 1, status: reads >= 4 ? 10 : 3 }));
      }),
    );
    const { client, log } = makeClient({ retry: { maxAttempts: 1 } });
    expect((await client.waitForRun(1)).status).toBe(10);
    expect(log.text()).toMatch(/Could not read dbt Cloud run 1 .*maintenance.*still waiting \(2\/3\)/);

    server.use(http.get(`${V2}/runs/:id/`, () => apiError(503, "down for good")));
    const failing = makeClient({ retry: { maxAttempts: 1 } });
    await expect(failing.client.waitForRun(1, { maxConsecutiveReadErrors: 2 })).rejects.toMatchObject({
      status: 503,
    });
  });

  it("does not hide errors that retrying cannot fix", async () => {
    server.use(http.get(`${V2}/runs/:id/`, () => apiError(404, "not found")));
    const { client } = makeClient();
    await expect(client.waitForRun(1)).rejects.toBeInstanceOf(DbtCloudNotFoundError);
  });

  it("timeout 0 means no limit", async () => {
    serveStatuses([...Array(50).fill(1), 10]);
    const { client } = makeClient();
    expect((await client.waitForRun(1, { timeoutMs: 0 })).status).toBe(10);
  });

  it("aborts promptly while sleeping between polls", async () => {
    const urls = serveStatuses([3]);
    const { client } = makeClient({ clock: { now: () => Date.now(), random: () => 0.5 } });
    const controller = new AbortController();
    const pending = client.waitForRun(1, {
      pollIntervalMs: 60_000,
      initialPollIntervalMs: 60_000,
      signal: controller.signal,
      onPoll: () => controller.abort(new Error("workflow cancelled")),
    });
    await expect(pending).rejects.toThrow("workflow cancelled");
    expect(urls).toHaveLength(1);
  });

  it("works as a standalone function over any run reader", async () => {
    const statuses = [2, 3, 10];
    let i = 0;
    const vc = virtualClock();
    const final = await waitForRun({ getRun: async (id) => run({ id, status: statuses[i++] ?? 10 }) }, 9, {
      clock: vc.clock,
    });
    expect(final).toMatchObject({ id: 9, status: 10 });
  });
});
