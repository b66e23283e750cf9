import { HttpResponse, http } from "msw";
import { describe, expect, it } from "vitest";
import {
  DbtCloudApiError,
  DbtCloudAuthError,
  DbtCloudError,
  DbtCloudValidationError,
  type TriggerRecoveryEvent,
} from "../src/index.js";
import { buildTriggerBody } from "../src/trigger-options.js";
import { apiError, listPage, makeClient, ok, run, useServer, V2 } from "./helpers.js";

const server = useServer();

describe("buildTriggerBody", () => {
  it("maps camelCase overrides to the API body and omits empty strings", () => {
    expect(
      buildTriggerBody({
        cause: "  CI for PR 12 ",
        gitSha: "abc123",
        gitBranch: "",
        githubPullRequestId: 12,
        schemaOverride: "dbt_cloud_pr_40_12",
        dbtVersionOverride: "latest",
        threadsOverride: 8,
        targetNameOverride: "ci",
        generateDocsOverride: false,
        timeoutSecondsOverride: 0,
        stepsOverride: ["dbt build -s state:modified+", "  "],
      }),
    ).toEqual({
      cause: "CI for PR 12",
      git_sha: "abc123",
      github_pull_request_id: 12,
      schema_override: "dbt_cloud_pr_40_12",
      dbt_version_override: "latest",
      threads_override: 8,
      target_name_override: "ci",
      generate_docs_override: false,
      timeout_seconds_override: 0,
      steps_override: ["dbt build -s state:modified+"],
    });
  });

  it("cuts the cause to 255 characters", () => {
    expect(buildTriggerBody({ cause: "x".repeat(300) }).cause).toHaveLength(255);
  });

  it.each([
    [{ cause: "" }, "cause", /requires a cause/],
    [{ cause: "ok", threadsOverride: 2.5 }, "threadsOverride", /2.5 is not an integer/],
    [{ cause: "ok", githubPullRequestId: 0 }, "githubPullRequestId", /0 is not an integer ≥ 1/],
    [{ cause: "ok", timeoutSecondsOverride: -1 }, "timeoutSecondsOverride", /-1 is not an integer ≥ 0/],
    [{ cause: "ok", gitSha: 5 }, "gitSha", /5 is not a string/],
    [{ cause: "ok", generateDocsOverride: "yes" }, "generateDocsOverride", /not a boolean/],
    [{ cause: "ok", stepsOverride: ["dbt build", "rm -rf /"] }, "stepsOverride[1]", /must start with "dbt "/],
    [{ cause: "ok", stepsOverride: "dbt build" }, "stepsOverride", /not a list/],
  ])("rejects %j naming %s", (input, field, message) => {
    try {
      buildTriggerBody(input as never);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(DbtCloudValidationError);
      expect((error as DbtCloudValidationError).field).toBe(field);
      expect((error as Error).message).toMatch(message);
    }
  });
});

describe("triggerJobRun", () => {
  it("POSTs the body once and returns the queued run", async () => {
    const bodies: unknown[] = [];
    server.use(
      http.post(`${V2}/jobs/:id/run/`, async ({ request, params }) => {
        bodies.push(await request.json());
        return ok(run({ id: 1, job_definition_id: Number(params.id), status: 1 }));
      }),
    );
    const { client, log } = makeClient();
    const r = await client.triggerJobRun(40, { cause: "nightly", stepsOverride: ["dbt build"] });
    expect(r).toMatchObject({ id: 1, job_definition_id: 40, status: 1 });
    expect(bodies).toEqual([{ cause: "nightly", steps_override: ["dbt build"] }]);
    expect(log.text()).toMatch(/Triggered dbt Cloud job 40: run 1/);
  });

  it("validates overrides before sending anything", async () => {
    const { client } = makeClient();
    await expect(client.triggerJobRun(40, { cause: " " })).rejects.toBeInstanceOf(DbtCloudValidationError);
    await expect(client.triggerJobRun(0, { cause: "x" })).rejects.toThrow(/jobId/);
  });

  it("does not retry a definite failure (400, 401)", async () => {
    let posts = 0;
    server.use(
      http.post(`${V2}/jobs/:id/run/`, () => {
        posts++;
        return posts === 1 ? apiError(400, "The request was invalid.") : apiError(401, "Invalid token.");
      }),
    );
    const { client } = makeClient();
    await expect(client.triggerJobRun(40, { cause: "x" })).rejects.toBeInstanceOf(DbtCloudApiError);
    await expect(client.triggerJobRun(40, { cause: "x" })).rejects.toBeInstanceOf(DbtCloudAuthError);
    expect(posts).toBe(2);
  });

  it("after a lost response, adopts the run with the same cause created since the attempt (no second POST)", async () => {
    let posts = 0;
    const listQueries: URLSearchParams[] = [];
    server.use(
      http.post(`${V2}/jobs/:id/run/`, () => {
        posts++;
        return HttpResponse.html("<html>502 Bad Gateway</html>", { status: 502 });
      }),
      http.get(`${V2}/runs/`, ({ request }) => {
        listQueries.push(new URL(request.url).searchParams);
        return listPage(
          [
            // someone else's run, same job, other cause
            run({ id: 12, created_at: "2026-01-01 00:00:03.100000+00:00", trigger: { cause: "Scheduled" } }),
            // ours: created after the attempt, same cause
            run({
              id: 11,
              created_at: "2026-01-01 00:00:01.500000+00:00",
              trigger: { cause: "deploy 42", git_sha: "abc" },
            }),
            // older than the attempt (minus skew): never adopted
            run({ id: 3, created_at: "2025-12-31 23:00:00.000000+00:00", trigger: { cause: "deploy 42" } }),
          ],
          3,
        );
      }),
    );
    const { client, log } = makeClient();
    const events: TriggerRecoveryEvent[] = [];
    const r = await client.triggerJobRun(
      40,
      { cause: "deploy 42", gitSha: "abc" },
      { onRecovery: (e) => events.push(e) },
    );
    expect(r.id).toBe(11);
    expect(posts).toBe(1);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ kind: "adopted", attempt: 1, run: { id: 11 } });
    expect(listQueries[0]?.get("job_definition_id")).toBe("40");
    expect(listQueries[0]?.get("order_by")).toBe("-id");
    expect(listQueries[0]?.get("include_related")).toBe("trigger");
    expect(log.text()).toMatch(/failed ambiguously.*checking whether the run was created/);
    expect(log.text()).toMatch(/Recovered from a lost trigger response: adopted run 11/);
  });

  it("after a timeout with no run created, triggers again (and only then)", async () => {
    let posts = 0;
    server.use(
      http.post(`${V2}/jobs/:id/run/`, () => {
        posts++;
        return posts === 1 ? HttpResponse.error() : ok(run({ id: 21 }));
      }),
      http.get(`${V2}/runs/`, () =>
        listPage(
          [
            run({
              id: 20,
              created_at: "2026-01-01 00:00:00.500000+00:00",
              trigger: { cause: "other cause" },
            }),
          ],
          1,
        ),
      ),
    );
    const { client, log, vc } = makeClient();
    const events: TriggerRecoveryEvent[] = [];
    const r = await client.triggerJobRun(40, { cause: "deploy 43" }, { onRecovery: (e) => events.push(e) });
    expect(r.id).toBe(21);
    expect(posts).toBe(2);
    expect(events.map((e) => e.kind)).toEqual(["retriggering"]);
    expect(log.text()).toMatch(/No run of job 40 was created by the failed attempt; triggering again/);
    // lookup delay, then the re-trigger backoff
    expect(vc.sleeps[0]).toBe(2000);
    expect(vc.sleeps).toHaveLength(2);
  });

  it("treats a 5xx with JSON as ambiguous too, and gives up after maxAttempts", async () => {
    let posts = 0;
    server.use(
      http.post(`${V2}/jobs/:id/run/`, () => {
        posts++;
        return apiError(500, "Internal error");
      }),
      http.get(`${V2}/runs/`, () => listPage([], 0)),
    );
    const { client } = makeClient();
    await expect(client.triggerJobRun(40, { cause: "c" }, { maxAttempts: 2 })).rejects.toMatchObject({
      status: 500,
    });
    expect(posts).toBe(2);
  });

  it("re-sends after a 429 (the request was refused) honouring Retry-After, without a lookup", async () => {
    let posts = 0;
    server.use(
      http.post(`${V2}/jobs/:id/run/`, () => {
        posts++;
        return posts === 1 ? apiError(429, "Too many", { "Retry-After": "9" }) : ok(run({ id: 5 }));
      }),
    );
    const { client, vc } = makeClient();
    expect((await client.triggerJobRun(40, { cause: "c" })).id).toBe(5);
    expect(vc.sleeps).toEqual([9000]);
  });

  it("explains when the lookup itself fails", async () => {
    server.use(
      http.post(`${V2}/jobs/:id/run/`, () => HttpResponse.error()),
      http.get(`${V2}/runs/`, () => apiError(403, "denied")),
    );
    const { client } = makeClient();
    const error = await client.triggerJobRun(40, { cause: "c" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DbtCloudError);
    expect((error as Error).message).toMatch(
      /failed ambiguously.*looking for the run it may have created failed too.*Check the job's runs/,
    );
  });

  it("stops at the abort signal during recovery", async () => {
    server.use(http.post(`${V2}/jobs/:id/run/`, () => HttpResponse.error()));
    const controller = new AbortController();
    const { client } = makeClient({
      clock: {
        now: () => 0,
        random: () => 0,
        sleep: async (_ms, signal) => {
          controller.abort(new Error("user cancelled"));
          if (signal?.aborted) throw signal.reason;
        },
      },
    });
    await expect(client.triggerJobRun(40, { cause: "c" }, { signal: controller.signal })).rejects.toThrow(
      "user cancelled",
    );
  });
});
