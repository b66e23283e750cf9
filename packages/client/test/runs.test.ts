import { HttpResponse, http } from "msw";
import { describe, expect, it } from "vitest";
import { MAX_PAGE_SIZE } from "../src/core/paged.js";
import { DbtCloudApiError, DbtCloudValidationError } from "../src/index.js";
import { apiError, listPage, makeClient, ok, run, runSteps, useServer, V2 } from "./helpers.js";

const server = useServer();

describe("getRun", () => {
  it("passes include_related comma-separated", async () => {
    let url: URL | undefined;
    server.use(
      http.get(`${V2}/runs/:id/`, ({ request }) => {
        url = new URL(request.url);
        return ok(run({ id: 9, run_steps: runSteps() as never }));
      }),
    );
    const { client } = makeClient();
    const r = await client.getRun(9, { includeRelated: ["run_steps", "trigger"] });
    expect(url?.searchParams.get("include_related")).toBe("run_steps,trigger");
    expect(r.run_steps).toHaveLength(6);
  });

  it("validates ids before sending anything", async () => {
    const { client } = makeClient();
    await expect(client.getRun(0)).rejects.toBeInstanceOf(DbtCloudValidationError);
    await expect(client.getRun(1.5)).rejects.toThrow(/runId: 1.5 is not a positive integer id/);
    await expect(client.cancelRun(-1)).rejects.toThrow(/runId/);
  });
});

describe("listRuns", () => {
  it("walks every page with limit ≤ 100 and stops at total_count", async () => {
    const all = Array.from({ length: 230 }, (_, i) => run({ id: 1000 - i }));
    const seen: URLSearchParams[] = [];
    server.use(
      http.get(`${V2}/runs/`, ({ request }) => {
        const q = new URL(request.url).searchParams;
        seen.push(q);
        const offset = Number(q.get("offset"));
        const limit = Number(q.get("limit"));
        return listPage(all.slice(offset, offset + limit), all.length, offset, limit);
      }),
    );
    const { client } = makeClient();
    const runs = await client.listRuns({ jobDefinitionId: 40, statusIn: [1, 2, 3] }).toArray();
    expect(runs.map((r) => r.id)).toEqual(all.map((r) => r.id));
    expect(seen.map((q) => [q.get("offset"), q.get("limit")])).toEqual([
      ["0", "100"],
      ["100", "100"],
      ["200", "100"],
    ]);
    expect(seen[0]?.get("job_definition_id")).toBe("40");
    expect(seen[0]?.get("status__in")).toBe("[1,2,3]");
    expect(seen[0]?.get("order_by")).toBe("-id");
    expect(seen[0]?.has("include_related")).toBe(false);
  });

  it("never asks for more than 100 per page", async () => {
    let limit = "";
    server.use(
      http.get(`${V2}/runs/`, ({ request }) => {
        limit = new URL(request.url).searchParams.get("limit") ?? "";
        return listPage([], 0);
      }),
    );
    const { client } = makeClient();
    await client.listRuns({ pageSize: 500 }).toArray();
    expect(limit).toBe(String(MAX_PAGE_SIZE));
  });

  it("stops on an empty page even when total_count says there is more", async () => {
    let calls = 0;
    server.use(
      http.get(`${V2}/runs/`, ({ request }) => {
        calls++;
        const offset = Number(new URL(request.url).searchParams.get("offset"));
        return offset === 0
          ? listPage([run({ id: 1 }), run({ id: 2 })], 50, 0, 2)
          : listPage([], 50, offset, 2);
      }),
    );
    const { client } = makeClient();
    const runs = await client.listRuns({ pageSize: 2 }).toArray();
    expect(runs).toHaveLength(2);
    expect(calls).toBe(2);
  });

  it("stops on a short page and when `limit` items were read; fetches lazily", async () => {
    const offsets: number[] = [];
    server.use(
      http.get(`${V2}/runs/`, ({ request }) => {
        const q = new URL(request.url).searchParams;
        const offset = Number(q.get("offset"));
        const limit = Number(q.get("limit"));
        offsets.push(offset);
        return listPage(
          Array.from({ length: limit }, (_, i) => run({ id: offset + i + 1 })),
          10_000,
          offset,
          limit,
        );
      }),
    );
    const { client } = makeClient();
    expect((await client.listRuns({ limit: 150 }).toArray()).length).toBe(150);
    expect(offsets).toEqual([0, 100]);
    offsets.length = 0;
    expect((await client.listRuns().first())?.id).toBe(1);
    expect(offsets).toEqual([0]);
  });

  it("treats data: null as an empty list and passes ranges and ordering", async () => {
    let q: URLSearchParams | undefined;
    server.use(
      http.get(`${V2}/runs/`, ({ request }) => {
        q = new URL(request.url).searchParams;
        return ok(null);
      }),
    );
    const { client } = makeClient();
    const runs = await client
      .listRuns({
        orderBy: "finished_at",
        finishedAtRange: ["2026-01-01T00:00:00Z", "2026-01-02T00:00:00Z"],
        includeRelated: ["trigger"],
        offset: 20,
      })
      .toArray();
    expect(runs).toEqual([]);
    expect(q?.get("order_by")).toBe("finished_at");
    expect(q?.get("finished_at__range")).toBe('["2026-01-01T00:00:00Z","2026-01-02T00:00:00Z"]');
    expect(q?.get("include_related")).toBe("trigger");
    expect(q?.get("offset")).toBe("20");
  });
});

describe("cancel, retry, rerun, failure details, steps", () => {
  it("cancelRun POSTs to /cancel/ and is retried on 5xx", async () => {
    let calls = 0;
    server.use(
      http.post(`${V2}/runs/:id/cancel/`, () => {
        calls++;
        return calls === 1 ? apiError(502, "bad gateway") : ok(run({ id: 5, status: 30 }));
      }),
    );
    const { client } = makeClient();
    expect((await client.cancelRun(5)).status).toBe(30);
    expect(calls).toBe(2);
  });

  it("retryRun and rerunJob are never retried", async () => {
    let retries = 0;
    let reruns = 0;
    server.use(
      http.post(`${V2}/runs/:id/retry/`, () => {
        retries++;
        return apiError(500, "x");
      }),
      http.post(`${V2}/jobs/:id/rerun/`, () => {
        reruns++;
        return apiError(503, "x");
      }),
    );
    const { client } = makeClient();
    await expect(client.retryRun(5)).rejects.toBeInstanceOf(DbtCloudApiError);
    await expect(client.rerunJob(40)).rejects.toBeInstanceOf(DbtCloudApiError);
    expect([retries, reruns]).toEqual([1, 1]);
  });

  it("retryRun and rerunJob return the new run", async () => {
    server.use(
      http.post(`${V2}/runs/:id/retry/`, ({ params }) => ok(run({ id: Number(params.id) + 1 }))),
      http.post(`${V2}/jobs/:id/rerun/`, () => ok(run({ id: 77, job_definition_id: 40 }))),
    );
    const { client } = makeClient();
    expect((await client.retryRun(5)).id).toBe(6);
    expect((await client.rerunJob(40)).id).toBe(77);
  });

  it("getRunFailureDetails reads GET /runs/{id}/retry/", async () => {
    server.use(
      http.get(`${V2}/runs/:id/retry/`, () =>
        ok({ failed_step: "dbt build", skipped_steps: ["dbt docs generate"] }),
      ),
    );
    const { client } = makeClient();
    expect(await client.getRunFailureDetails(5)).toEqual({
      failed_step: "dbt build",
      skipped_steps: ["dbt docs generate"],
    });
  });

  it("getRunStep reads /steps/{id}/", async () => {
    let url: URL | undefined;
    server.use(
      http.get(`${V2}/steps/:id/`, ({ request }) => {
        url = new URL(request.url);
        return ok(runSteps()[4]);
      }),
    );
    const { client } = makeClient();
    const step = await client.getRunStep(5, { includeRelated: ["debug_logs"] });
    expect(step.name).toBe("Invoke dbt with `dbt build --select tag:nightly`");
    expect(url?.pathname).toBe("/api/v2/accounts/1/steps/5/");
    expect(url?.searchParams.get("include_related")).toBe("debug_logs");
  });

  it("POST bodies are JSON", async () => {
    let contentType: string | null = null;
    server.use(
      http.post(`${V2}/jobs/:id/run/`, ({ request }) => {
        contentType = request.headers.get("content-type");
        return HttpResponse.json({ data: run(), status: { code: 200, is_success: true } });
      }),
    );
    const { client } = makeClient();
    await client.triggerJobRun(40, { cause: "x" });
    expect(contentType).toBe("application/json");
  });
});
