import { readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sharedFixture } from "@dbt-cloud-kit/testkit";
import { OpenAPIBackend } from "openapi-backend";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { DbtCloudClient, type FetchInit } from "../src/index.js";
import { credentials, job, run, virtualClock } from "./helpers.js";

/**
 * Every request the client can make is checked against the official dbt Cloud OpenAPI spec
 * (path template with the trailing slash, method, query parameters, JSON body schema).
 * The specs are read in place from the shared fixtures.
 */
const FIXTURES = sharedFixture("dbt-cloud-openapi");

type Backend = InstanceType<typeof OpenAPIBackend>;
interface Captured {
  method: string;
  url: URL;
  headers: Record<string, string>;
  body: unknown;
}

/**
 * The spec's string formats, registered so ajv checks date-time instead of warning "unknown format" for each
 * schema it compiles; int and password only annotate.
 */
const SPEC_FORMATS = {
  "date-time": (value: string) => !Number.isNaN(Date.parse(value)),
  int: true,
  password: true,
} as const;

async function backend(file: string): Promise<Backend> {
  const definition = parse(readFileSync(join(FIXTURES, file), "utf8"));
  // quick: skip validating the spec document itself (the upstream v3 spec has known schema errors,
  // dbt-labs/dbt-cloud-openapi-spec#67); requests are still validated against it.
  const api = new OpenAPIBackend({
    definition,
    strict: true,
    quick: true,
    ignoreTrailingSlashes: false,
    ajvOpts: { formats: SPEC_FORMATS },
    coerceTypes: true,
  });
  await api.init();
  return api;
}

/** Plausible responses so that every client method completes. */
function respond(method: string, url: URL): Response {
  const p = url.pathname;
  const env = (data: unknown, extra?: unknown) =>
    new Response(
      JSON.stringify({ data, status: { code: 200, is_success: true }, ...(extra ? { extra } : {}) }),
      {
        headers: { "content-type": "application/json" },
      },
    );
  if (p.includes("/artifacts/") && !p.endsWith("/artifacts/"))
    return new Response(JSON.stringify({ nodes: {} }));
  if (p.endsWith("/artifacts/")) return env(["manifest.json"]);
  if (method === "DELETE") return new Response(null, { status: 204 });
  const list = (items: unknown[]) =>
    env(items, { pagination: { count: items.length, total_count: items.length } });
  if (/\/runs\/$/.test(p)) return list([run({ id: 3 })]);
  if (/\/jobs\/$/.test(p) && method === "GET") return list([job({ name: "Nightly build" })]);
  if (/\/environments\/$/.test(p)) return list([{ id: 30, name: "Prod" }]);
  if (/\/projects\/$/.test(p)) return list([{ id: 20, name: "Analytics" }]);
  if (/\/runs\/\d+\/retry\/$/.test(p) && method === "GET")
    return env({ failed_step: "x", skipped_steps: [] });
  if (/\/steps\/\d+\/$/.test(p)) return env({ id: 5, index: 4, name: "Invoke dbt with `dbt build`" });
  if (/\/jobs\/(\d+\/)?$/.test(p)) return env(job());
  if (/\/accounts\/\d+\/$/.test(p)) return env({ id: 1, name: "Acme" });
  return env(run({ id: 3, status: 10 }));
}

/** The client encodes `__in` and `__range` lists as JSON-array strings (what dbt Cloud and mature clients use); the spec describes them as arrays. */
function queryForSpec(url: URL): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {};
  for (const [key, value] of url.searchParams) {
    query[key] =
      /__(in|range)$/.test(key) && value.startsWith("[")
        ? (JSON.parse(value) as unknown[]).map(String)
        : value;
  }
  return query;
}

describe("contract: requests match the official dbt Cloud OpenAPI spec", () => {
  let v2: Backend;
  let v3: Backend;
  let dir: string;
  const captured: Captured[] = [];

  beforeAll(async () => {
    [v2, v3] = await Promise.all([backend("openapi-v2.yaml"), backend("openapi-v3.yaml")]);
    dir = await mkdtemp(join(tmpdir(), "contract-"));
  }, 120_000);
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const client = new DbtCloudClient({
    credentials,
    clock: virtualClock().clock,
    fetch: async (input: string, init: FetchInit) => {
      const url = new URL(input);
      const headers = Object.fromEntries(
        new Headers(init.headers as ConstructorParameters<typeof Headers>[0]).entries(),
      );
      const body = typeof init.body === "string" ? (JSON.parse(init.body) as unknown) : undefined;
      captured.push({ method: init.method ?? "GET", url, headers, body });
      return respond(init.method ?? "GET", url);
    },
  });

  const calls: [string, () => Promise<unknown>][] = [
    [
      "triggerJobRun with every override",
      () =>
        client.triggerJobRun(40, {
          cause: "contract",
          gitSha: "abc",
          gitBranch: "main",
          githubPullRequestId: 12,
          gitlabMergeRequestId: 13,
          azurePullRequestId: 14,
          nonNativePullRequestId: 15,
          schemaOverride: "dbt_cloud_pr_40_12",
          dbtVersionOverride: "latest",
          threadsOverride: 4,
          targetNameOverride: "ci",
          generateDocsOverride: true,
          timeoutSecondsOverride: 600,
          stepsOverride: ["dbt build --select tag:x"],
        }),
    ],
    ["getRun", () => client.getRun(3, { includeRelated: ["run_steps", "trigger", "job"] })],
    [
      "listRuns with every filter",
      () =>
        client
          .listRuns({
            jobDefinitionId: 40,
            environmentId: 30,
            projectId: 20,
            status: 10,
            statusIn: [1, 2, 3],
            idGt: 5,
            orderBy: "-finished_at",
            finishedAtRange: ["2026-01-01T00:00:00Z", "2026-01-02T00:00:00Z"],
            createdAtRange: ["2026-01-01T00:00:00Z", "2026-01-02T00:00:00Z"],
            includeRelated: ["trigger"],
          })
          .toArray(),
    ],
    ["cancelRun", () => client.cancelRun(3)],
    ["retryRun", () => client.retryRun(3)],
    ["rerunJob", () => client.rerunJob(40)],
    ["getRunFailureDetails", () => client.getRunFailureDetails(3)],
    ["getRunStep", () => client.getRunStep(5)],
    ["listRunArtifacts", () => client.listRunArtifacts(3)],
    ["getRunArtifact", () => client.getRunArtifact(3, "manifest.json", { step: 4 })],
    [
      "downloadRunArtifact",
      () => client.downloadRunArtifact(3, "run_results.json", { step: 4, toFile: join(dir, "rr.json") }),
    ],
    ["getJobArtifact", () => client.getJobArtifact(40, "manifest.json")],
    [
      "listJobs",
      () =>
        client
          .listJobs({
            projectId: 20,
            environmentId: 30,
            nameIcontains: "x",
            includeRelated: ["most_recent_run"],
          })
          .toArray(),
    ],
    ["getJob", () => client.getJob(40, { includeRelated: ["most_recent_run", "most_recent_completed_run"] })],
    [
      "createJob",
      () =>
        client.createJob({
          projectId: 20,
          environmentId: 30,
          name: "DBT_CLOUD_KIT_ADHOC__20__30",
          executeSteps: ["dbt parse"],
        }),
    ],
    ["updateJob (read, merge, write)", () => client.updateJob(40, { name: "Renamed" })],
    ["deleteJob", () => client.deleteJob(40)],
    ["findJobByName", () => client.findJobByName("Nightly build", { projectId: 20, environmentId: 30 })],
    [
      "listEnvironments (v3)",
      () =>
        client
          .listEnvironments(20, { name: "Prod", nameIcontains: "pro", deploymentType: "production" })
          .toArray(),
    ],
    ["listProjects (v3)", () => client.listProjects({ nameIcontains: "ana" }).toArray()],
    ["getAccount", () => client.getAccount()],
  ];

  it.each(calls)("%s", async (_name, call) => {
    const before = captured.length;
    await call();
    const requests = captured.slice(before);
    expect(requests.length).toBeGreaterThan(0);
    for (const req of requests) {
      const api = req.url.pathname.startsWith("/api/v3/") ? v3 : v2;
      const request = {
        method: req.method.toLowerCase(),
        path: req.url.pathname,
        query: queryForSpec(req.url),
        headers: req.headers,
        ...(req.body !== undefined ? { body: req.body } : {}),
      };
      const operation = api.matchOperation(request);
      expect(operation, `${req.method} ${req.url.pathname} is not an operation of the spec`).toBeDefined();
      const result = api.validateRequest(request, operation);
      expect(result.errors ?? [], `${req.method} ${req.url.pathname}${req.url.search}`).toEqual([]);
      expect(req.headers.authorization).toMatch(/^Bearer /);
      const isArtifactFile = /\/artifacts\/.+/.test(req.url.pathname);
      expect(req.url.pathname.endsWith("/"), req.url.pathname).toBe(!isArtifactFile);
      if (req.url.searchParams.has("limit"))
        expect(Number(req.url.searchParams.get("limit"))).toBeLessThanOrEqual(100);
    }
  });

  it("a request the spec forbids is caught (the validator is live)", () => {
    const request = {
      method: "post",
      path: "/api/v2/accounts/1/jobs/40/run/",
      query: {},
      headers: {},
      body: { git_sha: "x" },
    };
    const result = v2.validateRequest(request, v2.matchOperation(request));
    expect(result.valid).toBe(false);
    const unknownQuery = {
      method: "get",
      path: "/api/v2/accounts/1/runs/",
      query: { status__in: ["queued"] },
      headers: {},
    };
    expect(v2.validateRequest(unknownQuery, v2.matchOperation(unknownQuery)).valid).toBe(false);
    expect(
      v2.matchOperation({ method: "get", path: "/api/v2/accounts/1/runs/3", headers: {} }),
    ).toBeUndefined();
  });
});
