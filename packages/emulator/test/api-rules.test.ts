import { DbtCloudAuthError, DbtCloudNotFoundError, RunStatus } from "@dbt-cloud-kit/client";
import { describe, expect, it } from "vitest";
import { clientFor, emulator, raw, v2 } from "./helpers.js";

const twoAccounts = {
  accounts: [
    {
      id: 1,
      token: "token-of-account-one",
      projects: [
        {
          id: 11,
          name: "One",
          environments: [{ id: 101, name: "Prod", jobs: [{ id: 1001, name: "Build" }] }],
        },
      ],
    },
    {
      id: 2,
      token: "token-of-account-two",
      projects: [
        {
          id: 22,
          name: "Two",
          environments: [{ id: 202, name: "Prod", jobs: [{ id: 2002, name: "Build" }] }],
        },
      ],
    },
  ],
};

describe("auth and error bodies", () => {
  it("401 Invalid token. for a wrong or missing token", async () => {
    const emu = await emulator();
    for (const token of ["not-a-real-token", null]) {
      const res = await raw(emu, v2(emu, "runs/"), { token });
      expect(res.status).toBe(401);
      expect(res.json).toEqual({
        status: { code: 401, is_success: false, user_message: "Invalid token.", developer_message: null },
        data: null,
      });
    }
    const wrong = clientFor(emu, { account: { id: emu.accountId, token: "not-a-real-token" } });
    await expect(wrong.getAccount()).rejects.toBeInstanceOf(DbtCloudAuthError);
  });

  it("accepts both Bearer and Token prefixes", async () => {
    const emu = await emulator();
    const res = await raw(emu, v2(emu, ""), {
      token: null,
      headers: { authorization: `Token ${emu.token}` },
    });
    expect(res.status).toBe(200);
  });

  it("403 when the token belongs to another account", async () => {
    const emu = await emulator(twoAccounts);
    const res = await raw(emu, "/api/v2/accounts/2/runs/", { token: "token-of-account-one" });
    expect(res.status).toBe(403);
    expect((res.json as { status: { user_message: string } }).status.user_message).toBe(
      "Access denied: Token is not scoped to account.",
    );
    const ok = await raw(emu, "/api/v2/accounts/2/runs/", { token: "token-of-account-two" });
    expect(ok.status).toBe(200);
    // Account two's job is invisible to account one even by id.
    const one = clientFor(emu, { account: { id: 1, token: "token-of-account-one" } });
    expect((await one.listJobs().toArray()).map((j) => j.id)).toEqual([1001]);
  });

  it("404 with the permissions hint for unknown ids", async () => {
    const emu = await emulator();
    const res = await raw(emu, v2(emu, "runs/999/"));
    expect(res.status).toBe(404);
    expect(res.json).toMatchObject({
      status: {
        code: 404,
        is_success: false,
        user_message:
          "The requested resource was not found. Please check that you have the proper permissions.",
      },
      data: null,
    });
    await expect(clientFor(emu).getRun(999)).rejects.toBeInstanceOf(DbtCloudNotFoundError);
  });

  it("400 with a string data for an invalid trigger body, and no run is created", async () => {
    const emu = await emulator();
    const path = v2(emu, "jobs/1001/run/");
    const missing = await raw(emu, path, { method: "POST", body: {} });
    expect(missing.status).toBe(400);
    expect(missing.json).toMatchObject({
      status: {
        code: 400,
        is_success: false,
        user_message: "The request was invalid. Please double check the provided data and try again.",
      },
      data: "cause: This field is required.",
    });
    const extra = await raw(emu, path, { method: "POST", body: { cause: "x", colour: "blue" } });
    expect((extra.json as { data: string }).data).toBe(
      "Additional properties are not allowed ('colour' was unexpected)",
    );
    const long = await raw(emu, path, { method: "POST", body: { cause: "x".repeat(256) } });
    expect((long.json as { data: string }).data).toMatch(
      /cause: Ensure this field has no more than 255 characters/,
    );
    const badJson = await raw(emu, path, { method: "POST", body: "{not json" });
    expect(badJson.status).toBe(400);
    expect(emu.runs.list()).toEqual([]);
  });
});

describe("request conventions", () => {
  it("redirects a path without its trailing slash with 308, keeping the query", async () => {
    const emu = await emulator();
    const res = await raw(emu, `${v2(emu, "runs")}?limit=5`);
    expect(res.status).toBe(308);
    expect(res.headers.get("location")).toBe(`${v2(emu, "runs/")}?limit=5`);
  });

  it("rejects unknown query parameters and limit above 100 with 400", async () => {
    const emu = await emulator();
    const unknown = await raw(emu, `${v2(emu, "runs/")}?created_at__gte=2024-01-01`);
    expect(unknown.status).toBe(400);
    expect((unknown.json as { data: string }).data).toBe(
      "Additional properties are not allowed ('created_at__gte' was unexpected)",
    );
    const big = await raw(emu, `${v2(emu, "runs/")}?limit=101`);
    expect(big.status).toBe(400);
    expect((big.json as { data: string }).data).toMatch(/limit/);
    const notInt = await raw(emu, `${v2(emu, "runs/")}?job_definition_id=abc`);
    expect(notInt.status).toBe(400);
  });

  it("405 for a method the path does not serve", async () => {
    const emu = await emulator();
    const res = await raw(emu, v2(emu, "runs/"), { method: "DELETE" });
    expect(res.status).toBe(405);
  });

  it("paginates with limit/offset, defaults to ascending id and reports extra", async () => {
    const emu = await emulator();
    const client = clientFor(emu);
    const ids: number[] = [];
    for (let i = 0; i < 7; i++) ids.push((await client.triggerJobRun(1001, { cause: `run ${i}` })).id);
    const page = await raw(emu, `${v2(emu, "runs/")}?limit=3&offset=2`);
    const body = page.json as { data: Array<{ id: number }>; extra: Record<string, unknown> };
    expect(body.data.map((r) => r.id)).toEqual(ids.slice(2, 5));
    expect(body.extra).toEqual({
      filters: { limit: 3, offset: 2 },
      order_by: "id",
      pagination: { count: 3, total_count: 7 },
    });
    const desc = await raw(emu, `${v2(emu, "runs/")}?order_by=-id&limit=2`);
    expect((desc.json as { data: Array<{ id: number }> }).data.map((r) => r.id)).toEqual([ids[6], ids[5]]);
    // The client walks every page (pageSize 2 → 4 requests) and gets all of them newest first.
    emu.requests.clear();
    const all = await client.listRuns({ jobDefinitionId: 1001, pageSize: 2 }).toArray();
    expect(all.map((r) => r.id)).toEqual([...ids].reverse());
    expect(emu.requests.count({ operation: "listRuns" })).toBe(4);
  });

  it("filters runs by job and status__in as a JSON array", async () => {
    const emu = await emulator();
    const client = clientFor(emu);
    const a = await client.triggerJobRun(1001, { cause: "a" });
    await client.triggerJobRun(1004, { cause: "b" });
    const inFlight = await client.listRuns({ jobDefinitionId: 1001, statusIn: [1, 2, 3] }).toArray();
    expect(inFlight.map((r) => r.id)).toEqual([a.id]);
    emu.clock.advanceSeconds(3600);
    expect(await client.listRuns({ jobDefinitionId: 1001, statusIn: [1, 2, 3] }).toArray()).toEqual([]);
    const errors = await client.listRuns({ status: RunStatus.Error }).toArray();
    expect(errors.map((r) => r.job_definition_id)).toEqual([1004]);
  });
});

describe("run list filters", () => {
  it("has_docs_generated, created_at__range and finished_at__range", async () => {
    const emu = await emulator();
    const client = clientFor(emu);
    const plain = await client.triggerJobRun(1001, { cause: "plain" });
    const docs = await client.triggerJobRun(1002, { cause: "docs" });
    emu.clock.advanceSeconds(3600);
    const withDocs = await raw(emu, `${v2(emu, "runs/")}?has_docs_generated=true`);
    expect((withDocs.json as { data: Array<{ id: number }> }).data.map((r) => r.id)).toEqual([docs.id]);

    const created = Date.parse(plain.created_at ?? "");
    const range = (from: number, to: number) =>
      JSON.stringify([new Date(from).toISOString(), new Date(to).toISOString()]);
    const inside = await client
      .listRuns({ createdAtRange: JSON.parse(range(created - 1000, created + 1000)) })
      .toArray();
    expect(inside.map((r) => r.id).sort()).toEqual([plain.id, docs.id].sort());
    const before = await client
      .listRuns({ createdAtRange: JSON.parse(range(created - 9000, created - 5000)) })
      .toArray();
    expect(before).toEqual([]);
    const finished = await raw(
      emu,
      `${v2(emu, "runs/")}?finished_at__range=${encodeURIComponent(range(created, created + 7_200_000))}`,
    );
    expect((finished.json as { data: unknown[] }).data.length).toBe(2);
    const bad = await raw(emu, `${v2(emu, "runs/")}?created_at__range=yesterday`);
    expect(bad.status).toBe(400);
  });
});

describe("accounts, projects, environments and jobs", () => {
  it("serves the workspace through the client", async () => {
    const emu = await emulator();
    const client = clientFor(emu);
    const account = await client.getAccount();
    expect(account.id).toBe(emu.accountId);
    const projects = await client.listProjects().toArray();
    expect(projects.map((p) => p.id)).toEqual([11]);
    const envs = await client.listEnvironments(11).toArray();
    expect(envs.map((e) => e.name)).toEqual(["Production", "CI", "Development"]);
    const prod = await client.listEnvironments(11, { deploymentType: "production" }).toArray();
    expect(prod.map((e) => e.id)).toEqual([101]);
    const found = await client.findJobByName("Daily build", { projectId: 11 });
    expect(found.id).toBe(1001);
    const job = await client.getJob(1001);
    expect(job.execute_steps).toEqual(["dbt build"]);
  });

  it("creates, updates and soft-deletes a job", async () => {
    const emu = await emulator();
    const client = clientFor(emu);
    const created = await client.createJob({
      projectId: 11,
      environmentId: 101,
      name: "Ad hoc",
      executeSteps: ["dbt run --select stg_orders"],
      execution: { timeoutSeconds: 3600 },
      triggers: { githubWebhook: false, schedule: false, onMerge: true },
    });
    expect(created.name).toBe("Ad hoc");
    expect(created.execution).toEqual({ timeout_seconds: 3600 });
    expect((created as { triggers?: { on_merge?: boolean } }).triggers?.on_merge).toBe(true);
    const run = await client.triggerJobRun(created.id, { cause: "ad hoc" });
    emu.clock.advanceSeconds(3600);
    const results = (await client.getRunArtifact(run.id, "run_results.json")) as {
      results: Array<{ unique_id: string }>;
    };
    expect(results.results.map((r) => r.unique_id)).toEqual(["model.emulated_shop.stg_orders"]);

    const updated = await client.updateJob(created.id, { name: "Ad hoc 2" });
    expect(updated.name).toBe("Ad hoc 2");
    expect(await client.deleteJob(created.id)).toBe(true);
    const error = await client.getJob(created.id).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DbtCloudNotFoundError);
    expect((await client.listJobs().toArray()).map((j) => j.id)).not.toContain(created.id);
  });
});
