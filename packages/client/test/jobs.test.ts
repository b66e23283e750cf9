import { http } from "msw";
import { describe, expect, it } from "vitest";
import { DbtCloudNotFoundError, DbtCloudValidationError } from "../src/index.js";
import { apiError, job, listPage, makeClient, ok, useServer, V2, V3 } from "./helpers.js";

const server = useServer();

describe("jobs", () => {
  it("listJobs filters by project and environment and paginates", async () => {
    const queries: URLSearchParams[] = [];
    server.use(
      http.get(`${V2}/jobs/`, ({ request }) => {
        const q = new URL(request.url).searchParams;
        queries.push(q);
        const offset = Number(q.get("offset"));
        const all = Array.from({ length: 120 }, (_, i) => job({ id: i + 1, name: `job ${i + 1}` }));
        return listPage(all.slice(offset, offset + 100), 120, offset);
      }),
    );
    const { client } = makeClient();
    const jobs = await client.listJobs({ projectId: 20, environmentId: 30 }).toArray();
    expect(jobs).toHaveLength(120);
    expect(queries).toHaveLength(2);
    expect(queries[0]?.get("project_id")).toBe("20");
    expect(queries[0]?.get("environment_id")).toBe("30");
  });

  it("getJob passes include_related", async () => {
    let q: URLSearchParams | undefined;
    server.use(
      http.get(`${V2}/jobs/:id/`, ({ request }) => {
        q = new URL(request.url).searchParams;
        return ok(job({ most_recent_run: { id: 9, status: 20 } }));
      }),
    );
    const { client } = makeClient();
    const j = await client.getJob(40, { includeRelated: ["most_recent_run"] });
    expect(j.most_recent_run?.status).toBe(20);
    expect(q?.get("include_related")).toBe("most_recent_run");
  });

  it("createJob fills the API's required fields and is not retried", async () => {
    let body: Record<string, unknown> | undefined;
    let calls = 0;
    server.use(
      http.post(`${V2}/jobs/`, async ({ request }) => {
        calls++;
        body = (await request.json()) as Record<string, unknown>;
        return ok(job({ id: 99, name: body.name }));
      }),
    );
    const { client } = makeClient();
    const created = await client.createJob({
      projectId: 20,
      environmentId: 30,
      name: "adhoc",
      executeSteps: ["dbt parse"],
    });
    expect(created.id).toBe(99);
    expect(calls).toBe(1);
    expect(body).toMatchObject({
      account_id: 1,
      project_id: 20,
      environment_id: 30,
      name: "adhoc",
      execute_steps: ["dbt parse"],
      job_type: "other",
      generate_docs: false,
      run_generate_sources: false,
      state: 1,
      settings: { threads: 4, target_name: "default" },
      execution: { timeout_seconds: 0 },
      triggers: { github_webhook: false, schedule: false },
    });
  });

  it("createJob validates input", async () => {
    const { client } = makeClient();
    await expect(client.createJob({ projectId: 0, environmentId: 30, name: "x" })).rejects.toThrow(
      /projectId/,
    );
    await expect(client.createJob({ projectId: 1, environmentId: 30, name: " " })).rejects.toBeInstanceOf(
      DbtCloudValidationError,
    );
  });

  it("createJob maps every camelCase field to the API's snake_case, with apiFields sent as given", async () => {
    let body: Record<string, unknown> | undefined;
    server.use(
      http.post(`${V2}/jobs/`, async ({ request }) => {
        body = (await request.json()) as Record<string, unknown>;
        return ok(job({ id: 99 }));
      }),
    );
    const { client } = makeClient();
    await client.createJob({
      projectId: 20,
      environmentId: 30,
      name: "nightly",
      description: "builds",
      executeSteps: ["dbt build"],
      jobType: "scheduled",
      dbtVersion: "latest",
      generateDocs: true,
      runGenerateSources: true,
      settings: { threads: 8, targetName: "prod" },
      execution: { timeoutSeconds: 600 },
      triggers: { githubWebhook: true, schedule: true, gitProviderWebhook: true, onMerge: true },
      apiFields: { schedule: { cron: "0 3 * * *" }, triggers: { custom_branch_only: true } },
    });
    expect(body).toMatchObject({
      project_id: 20,
      environment_id: 30,
      description: "builds",
      execute_steps: ["dbt build"],
      job_type: "scheduled",
      dbt_version: "latest",
      generate_docs: true,
      run_generate_sources: true,
      settings: { threads: 8, target_name: "prod" },
      execution: { timeout_seconds: 600 },
      triggers: {
        github_webhook: true,
        schedule: true,
        git_provider_webhook: true,
        on_merge: true,
        custom_branch_only: true,
      },
      schedule: { cron: "0 3 * * *" },
    });
    expect(Object.keys(body ?? {}).filter((k) => /[A-Z]/.test(k))).toEqual([]);
    expect(body).not.toHaveProperty("apiFields");
  });

  it("createJob and updateJob reject snake_case and unknown fields before any request, naming the fix", async () => {
    const { client } = makeClient();
    const snake = { project_id: 20, environmentId: 30, name: "x" } as unknown as Parameters<
      typeof client.createJob
    >[0];
    await expect(client.createJob(snake)).rejects.toThrow(/project_id: use projectId/);
    await expect(
      client.updateJob(40, { settings: { target_name: "x" } } as unknown as Parameters<
        typeof client.updateJob
      >[1]),
    ).rejects.toThrow(/settings\.target_name: use targetName/);
    await expect(
      client.updateJob(40, { cron: "x" } as unknown as Parameters<typeof client.updateJob>[1]),
    ).rejects.toThrow(/cron: not a job field; pass fields this type does not model in apiFields/);
  });

  it("updateJob merges settings, execution and triggers one level deep into the current job", async () => {
    let body: Record<string, unknown> | undefined;
    server.use(
      http.get(`${V2}/jobs/:id/`, () =>
        ok(job({ settings: { threads: 4, target_name: "prod" }, execution: { timeout_seconds: 60 } })),
      ),
      http.post(`${V2}/jobs/:id/`, async ({ request }) => {
        body = (await request.json()) as Record<string, unknown>;
        return ok({ ...job(), ...body });
      }),
    );
    const { client } = makeClient();
    await client.updateJob(40, { settings: { threads: 16 }, generateDocs: true });
    expect(body).toMatchObject({
      settings: { threads: 16, target_name: "prod" },
      execution: { timeout_seconds: 60 },
      generate_docs: true,
    });
  });

  it("updateJob reads the job, merges the changes and drops read-only fields", async () => {
    let body: Record<string, unknown> | undefined;
    server.use(
      http.get(`${V2}/jobs/:id/`, () => ok(job())),
      http.post(`${V2}/jobs/:id/`, async ({ request }) => {
        body = (await request.json()) as Record<string, unknown>;
        return ok({ ...job(), ...body });
      }),
    );
    const { client } = makeClient();
    const updated = await client.updateJob(40, { name: "Renamed" });
    expect(updated.name).toBe("Renamed");
    expect(body?.name).toBe("Renamed");
    expect(body?.execute_steps).toEqual(["dbt build"]);
    for (const field of [
      "id",
      "created_at",
      "updated_at",
      "is_deferrable",
      "raw_dbt_version",
      "run_failure_count",
    ]) {
      expect(body).not.toHaveProperty(field);
    }
  });

  it("updateJob with merge: false sends only what it is given", async () => {
    let body: unknown;
    server.use(
      http.post(`${V2}/jobs/:id/`, async ({ request }) => {
        body = await request.json();
        return ok(job());
      }),
    );
    const { client } = makeClient();
    await client.updateJob(40, { name: "x", apiFields: { id: 40 } }, { merge: false });
    expect(body).toEqual({ name: "x" });
  });

  it("deleteJob returns true on 204 and false when already gone", async () => {
    let calls = 0;
    server.use(
      http.delete(`${V2}/jobs/:id/`, ({ params }) => {
        calls++;
        return params.id === "40" ? new Response(null, { status: 204 }) : apiError(404, "not found");
      }),
    );
    const { client } = makeClient();
    expect(await client.deleteJob(40)).toBe(true);
    expect(await client.deleteJob(41)).toBe(false);
    expect(calls).toBe(2);
  });

  it("findJobByName matches the exact name among name__icontains results", async () => {
    let q: URLSearchParams | undefined;
    server.use(
      http.get(`${V2}/jobs/`, ({ request }) => {
        q = new URL(request.url).searchParams;
        return listPage(
          [job({ id: 1, name: "Nightly build (copy)" }), job({ id: 2, name: "Nightly build" })],
          2,
        );
      }),
    );
    const { client } = makeClient();
    expect((await client.findJobByName("Nightly build", { projectId: 20 })).id).toBe(2);
    expect(q?.get("name__icontains")).toBe("Nightly build");
    expect(q?.get("project_id")).toBe("20");
  });

  it("findJobByName fails clearly for none or several", async () => {
    server.use(
      http.get(`${V2}/jobs/`, ({ request }) => {
        const name = new URL(request.url).searchParams.get("name__icontains");
        return name === "dup"
          ? listPage([job({ id: 1, name: "dup" }), job({ id: 2, name: "dup" })], 2)
          : listPage([], 0);
      }),
    );
    const { client } = makeClient();
    await expect(client.findJobByName("missing", { environmentId: 30 })).rejects.toThrow(
      /No job named "missing" in environment 30/,
    );
    await expect(client.findJobByName("missing")).rejects.toBeInstanceOf(DbtCloudNotFoundError);
    await expect(client.findJobByName("dup")).rejects.toThrow(
      /"dup" matches 2 jobs \(ids 1, 2\).*Pass job-id/,
    );
    await expect(client.findJobByName("")).rejects.toBeInstanceOf(DbtCloudValidationError);
  });
});

describe("projects, environments, account", () => {
  it("listEnvironments uses v3 under the project", async () => {
    let url: URL | undefined;
    server.use(
      http.get(`${V3}/projects/:project/environments/`, ({ request }) => {
        url = new URL(request.url);
        return listPage([{ id: 30, name: "Production", deployment_type: "production", project_id: 20 }], 1);
      }),
    );
    const { client } = makeClient();
    const envs = await client.listEnvironments(20, { deploymentType: "production" }).toArray();
    expect(envs.map((e) => e.name)).toEqual(["Production"]);
    expect(url?.pathname).toBe("/api/v3/accounts/1/projects/20/environments/");
    expect(url?.searchParams.get("deployment_type")).toBe("production");
  });

  it("listProjects uses v3", async () => {
    server.use(http.get(`${V3}/projects/`, () => listPage([{ id: 20, name: "Analytics" }], 1)));
    const { client } = makeClient();
    expect((await client.listProjects({ nameIcontains: "ana" }).toArray())[0]?.name).toBe("Analytics");
  });

  it("getAccount reads /accounts/{id}/", async () => {
    server.use(
      http.get(`${V2}/`, () => ok({ id: 1, name: "Acme", static_subdomain: "ab123", run_slots: 5 })),
    );
    const { client } = makeClient();
    expect(await client.getAccount()).toMatchObject({ id: 1, static_subdomain: "ab123", run_slots: 5 });
  });
});
