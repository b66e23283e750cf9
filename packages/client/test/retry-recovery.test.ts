import { HttpResponse, http } from "msw";
import { describe, expect, it } from "vitest";
import {
  DbtCloudApiError,
  DbtCloudError,
  DbtCloudNotFoundError,
  DbtCloudValidationError,
  type RetryRecoveryEvent,
} from "../src/index.js";
import { apiError, listPage, makeClient, ok, run, useServer, V2 } from "./helpers.js";

const server = useServer();

/** The failed run (job 40, pull request 12) as `GET /runs/5/` returns it. */
const failed = (overrides: Record<string, unknown> = {}) =>
  run({
    id: 5,
    status: 20,
    created_at: "2025-12-31 22:00:00.000000+00:00",
    trigger: { cause: "CI", github_pull_request_id: 12 },
    ...overrides,
  });
const after = "2026-01-01 00:00:01.000000+00:00";
const gateway = () => HttpResponse.html("<html>502 Bad Gateway</html>", { status: 502 });

function recording() {
  const events: RetryRecoveryEvent[] = [];
  return { events, onRecovery: (e: RetryRecoveryEvent) => events.push(e) };
}

describe("retryFailedRun", () => {
  it("POSTs /runs/{id}/retry/ once and returns the new run", async () => {
    let posts = 0;
    server.use(
      http.post(`${V2}/runs/:id/retry/`, ({ params }) => {
        posts++;
        return ok(run({ id: 6, retrying_run_id: Number(params.id) }));
      }),
    );
    const { client, log } = makeClient();
    const r = await client.retryFailedRun(5);
    expect(r.id).toBe(6);
    expect(posts).toBe(1);
    expect(log.text()).toMatch(/Retried dbt Cloud run 5 from the point of failure: run 6/);
  });

  it("rejects a bad run id before any request", async () => {
    const { client } = makeClient();
    await expect(client.retryFailedRun(0)).rejects.toBeInstanceOf(DbtCloudValidationError);
  });

  it("after a lost response, adopts the next run of the job of the same pull request (no second POST)", async () => {
    let posts = 0;
    const listQueries: URLSearchParams[] = [];
    server.use(
      http.post(`${V2}/runs/:id/retry/`, () => {
        posts++;
        return gateway();
      }),
      http.get(`${V2}/runs/5/`, () => ok(failed())),
      http.get(`${V2}/runs/`, ({ request }) => {
        listQueries.push(new URL(request.url).searchParams);
        return listPage(
          [
            run({ id: 8, created_at: after, trigger: { cause: "CI", github_pull_request_id: 13 } }),
            run({ id: 7, created_at: after, trigger: { cause: "CI", github_pull_request_id: 12 } }),
            run({ id: 6, created_at: after, trigger: { cause: "CI", github_pull_request_id: 99 } }),
            failed(),
            run({ id: 4, created_at: after }),
          ],
          5,
        );
      }),
    );
    const { client, log, vc } = makeClient();
    const { events, onRecovery } = recording();
    const r = await client.retryFailedRun(5, { onRecovery });
    expect(r.id).toBe(7);
    expect(posts).toBe(1);
    expect(events).toEqual([expect.objectContaining({ kind: "adopted", attempt: 1, run: r })]);
    expect(listQueries[0]?.get("job_definition_id")).toBe("40");
    expect(listQueries[0]?.get("order_by")).toBe("-id");
    expect(vc.sleeps).toEqual([2000]);
    expect(log.text()).toMatch(/Recovered from a lost retry response: adopted run 7, the retry of run 5/);
  });

  it("prefers the run whose retrying_run_id names the failed run, and ignores retries of other runs", async () => {
    server.use(
      http.post(`${V2}/runs/:id/retry/`, () => HttpResponse.error()),
      http.get(`${V2}/runs/5/`, () => ok(failed({ trigger: null }))),
      http.get(`${V2}/runs/`, () =>
        listPage(
          [
            run({ id: 9, created_at: after, retrying_run_id: 5 }),
            run({ id: 7, created_at: after, retrying_run_id: 3 }),
            run({ id: 6, created_at: after }),
            failed(),
          ],
          4,
        ),
      ),
    );
    const { client } = makeClient();
    expect((await client.retryFailedRun(5)).id).toBe(9);
  });

  it("follows the failed run's retrying_run_id when dbt Cloud points it at its retry", async () => {
    const reads: string[] = [];
    server.use(
      http.post(`${V2}/runs/:id/retry/`, () => apiError(504, "Gateway timeout")),
      http.get(`${V2}/runs/:id/`, ({ params }) => {
        reads.push(String(params.id));
        return params.id === "5" ? ok(failed({ retrying_run_id: 11 })) : ok(run({ id: 11, status: 1 }));
      }),
    );
    const { client } = makeClient();
    expect((await client.retryFailedRun(5)).id).toBe(11);
    expect(reads).toEqual(["5", "11"]);
  });

  it("never adopts a run created before the attempt (clock skew allowed)", async () => {
    let posts = 0;
    server.use(
      http.post(`${V2}/runs/:id/retry/`, () => {
        posts++;
        return posts === 1 ? gateway() : ok(run({ id: 21 }));
      }),
      http.get(`${V2}/runs/5/`, () => ok(failed())),
      http.get(`${V2}/runs/`, () =>
        listPage([run({ id: 6, created_at: "2025-12-31 23:00:00.000000+00:00" }), failed()], 2),
      ),
    );
    const { client, log } = makeClient();
    const { events, onRecovery } = recording();
    const r = await client.retryFailedRun(5, { onRecovery });
    expect(r.id).toBe(21);
    expect(posts).toBe(2);
    expect(events.map((e) => e.kind)).toEqual(["resending"]);
    expect(log.text()).toMatch(/No run was started by the failed retry of run 5; retrying again/);
  });

  it("when the re-sent retry is refused because the first one did start a run, finds and adopts that run", async () => {
    let posts = 0;
    let lists = 0;
    server.use(
      http.post(`${V2}/runs/:id/retry/`, () => {
        posts++;
        return posts === 1
          ? HttpResponse.error()
          : apiError(400, "Run cannot be retried: RETRY_NOT_LATEST_RUN");
      }),
      http.get(`${V2}/runs/5/`, () => ok(failed())),
      http.get(`${V2}/runs/`, () => {
        lists++;
        // The first lookup comes too early to see the run the lost retry started.
        return lists === 1
          ? listPage([failed()], 1)
          : listPage([run({ id: 6, created_at: after }), failed()], 2);
      }),
    );
    const { client } = makeClient();
    const { events, onRecovery } = recording();
    const r = await client.retryFailedRun(5, { onRecovery });
    expect(r.id).toBe(6);
    expect(posts).toBe(2);
    expect(events.map((e) => e.kind)).toEqual(["resending", "adopted"]);
  });

  it("when the re-sent retry is refused and no run turns up, says so, naming both failures", async () => {
    let posts = 0;
    server.use(
      http.post(`${V2}/runs/:id/retry/`, () => {
        posts++;
        return posts === 1 ? gateway() : apiError(400, "Run cannot be retried: RETRY_NOT_LATEST_RUN");
      }),
      http.get(`${V2}/runs/5/`, () => ok(failed())),
      http.get(`${V2}/runs/`, () => listPage([failed()], 1)),
    );
    const { client } = makeClient();
    const error = await client.retryFailedRun(5).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DbtCloudError);
    expect((error as Error).cause).toBeInstanceOf(DbtCloudApiError);
    expect((error as Error).message).toMatch(
      /Retrying dbt Cloud run 5 failed ambiguously \(.*502.*\), retrying again was refused \(.*RETRY_NOT_LATEST_RUN.*\), and no run it may have started was found/,
    );
    expect(posts).toBe(2);
  });

  it("a refusal of the first attempt (400) or a 404 is thrown as is, without a lookup", async () => {
    server.use(
      http.post(`${V2}/runs/:id/retry/`, ({ params }) =>
        params.id === "5"
          ? apiError(400, "Run cannot be retried: RETRY_NOT_FAILED_RUN")
          : apiError(404, "nope"),
      ),
    );
    const { client, vc } = makeClient();
    await expect(client.retryFailedRun(5)).rejects.toMatchObject({ status: 400 });
    await expect(client.retryFailedRun(6)).rejects.toBeInstanceOf(DbtCloudNotFoundError);
    expect(vc.sleeps).toEqual([]);
  });

  it("when looking for the lost run fails too, names both failures", async () => {
    server.use(
      http.post(`${V2}/runs/:id/retry/`, () => gateway()),
      http.get(`${V2}/runs/5/`, () => apiError(403, "Forbidden")),
    );
    const { client } = makeClient();
    const error = await client.retryFailedRun(5).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DbtCloudError);
    expect((error as Error).message).toMatch(
      /Retrying dbt Cloud run 5 failed ambiguously .* and looking for the run it may have started failed too .*403/,
    );
  });

  it("retryRun stays a single POST that is never re-sent", async () => {
    let posts = 0;
    server.use(
      http.post(`${V2}/runs/:id/retry/`, () => {
        posts++;
        return gateway();
      }),
    );
    const { client } = makeClient();
    await expect(client.retryRun(5)).rejects.toMatchObject({ status: 502 });
    expect(posts).toBe(1);
  });
});
