import { createHmac } from "node:crypto";
import { type Clock, DbtCloudClient, DbtCloudWorkspace, type FetchLike } from "@dbt-cloud-kit/client";
import { DbtCloudCredentials } from "@dbt-cloud-kit/credentials";

export interface FakeRun {
  id: number;
  jobId: number;
  environmentId: number;
  status: number;
  /** Ids grow with creation: a run with a higher id was created at or after this one. */
  createdAt: number;
  finishedAt: number;
  /** When lists show the run finished (finishedAt + arrival delay); before that, and from createdAt, running. */
  visibleAt: number;
  /** A cancelled run that dbt Cloud leaves with `finished_at: null` (its `updated_at` is the cancel). */
  finishedAtNull?: boolean;
}

/**
 * A pure in-memory dbt Cloud for the list and get endpoints: runs appear in lists only from their
 * `visibleAt`, every request costs `requestMs` of virtual time (so arrivals shift pages mid-listing),
 * ties in finished-at come back in an adversarial order, and artifacts are absent (404).
 */
export function fakeCloud(runs: FakeRun[], options: { requestMs: number; start: number }) {
  const state = { now: options.start, requests: 0 };
  const byId = new Map(runs.map((r) => [r.id, r]));
  const iso = (ms: number) => new Date(ms).toISOString();
  const runJson = (r: FakeRun, finished: boolean) => ({
    id: r.id,
    status: finished ? r.status : 3,
    account_id: 1,
    project_id: 11,
    environment_id: r.environmentId,
    job_definition_id: r.jobId,
    created_at: iso(r.createdAt),
    updated_at: iso(finished ? r.finishedAt : r.createdAt),
    finished_at: finished && !r.finishedAtNull ? iso(r.finishedAt) : null,
    href: `https://cloud.example/runs/${r.id}/`,
    git_sha: "abc",
    run_steps: [],
  });
  const json = (status: number, body: unknown) =>
    new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
  const ok = (data: unknown, extra?: unknown) =>
    json(200, {
      data,
      status: { code: 200, is_success: true, user_message: "", developer_message: "" },
      ...(extra ? { extra } : {}),
    });
  const fetch: FetchLike = async (input) => {
    state.requests++;
    state.now += options.requestMs;
    const url = new URL(input);
    const path = url.pathname;
    if (path === "/api/v2/accounts/1/runs/") {
      const q = url.searchParams;
      const range = (name: string) => {
        const value = JSON.parse(q.get(name) ?? "null") as [string, string] | null;
        return value ? value.map((v) => Date.parse(v)) : [Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY];
      };
      const [lo, hi] = range("finished_at__range") as [number, number];
      const [createdLo, createdHi] = range("created_at__range") as [number, number];
      const statuses = q.has("status")
        ? [Number(q.get("status"))]
        : (JSON.parse(q.get("status__in") ?? "null") as number[] | null);
      const env = Number(q.get("environment_id"));
      const idGt = q.has("id__gt") ? Number(q.get("id__gt")) : Number.NEGATIVE_INFINITY;
      const shown = runs
        .filter((r) => r.createdAt <= state.now && r.environmentId === env && r.id > idGt)
        .filter((r) => r.createdAt >= createdLo && r.createdAt <= createdHi)
        .map((r) => ({ r, finished: r.visibleAt <= state.now }))
        .filter(({ r, finished }) => !statuses || statuses.includes(finished ? r.status : 3))
        .filter(({ r, finished }) => {
          if (!q.has("finished_at__range")) return true;
          return finished && !r.finishedAtNull && r.finishedAt >= lo && r.finishedAt <= hi;
        });
      const order = q.get("order_by") ?? "id";
      if (order === "finished_at") {
        // Ties come back in an adversarial order (newest id first).
        shown.sort((a, b) => a.r.finishedAt - b.r.finishedAt || b.r.id - a.r.id);
      } else if (order === "id" || order === "-id") {
        shown.sort((a, b) => (order === "id" ? a.r.id - b.r.id : b.r.id - a.r.id));
      } else {
        return json(400, { data: null, status: { code: 400, is_success: false } });
      }
      const offset = Number(q.get("offset") ?? 0);
      const limit = Number(q.get("limit") ?? 100);
      const page = shown.slice(offset, offset + limit).map(({ r, finished }) => runJson(r, finished));
      return ok(page, { pagination: { count: page.length, total_count: shown.length } });
    }
    const get = /^\/api\/v2\/accounts\/1\/runs\/(\d+)\/$/.exec(path);
    if (get) {
      const run = byId.get(Number(get[1]));
      if (!run || run.createdAt > state.now)
        return json(404, { data: null, status: { code: 404, is_success: false } });
      return ok(runJson(run, run.finishedAt <= state.now));
    }
    return json(404, { data: null, status: { code: 404, is_success: false, user_message: "not found" } });
  };
  const clock: Clock = {
    now: () => state.now,
    random: () => 0.5,
    async sleep(ms, signal) {
      signal?.throwIfAborted();
      state.now += ms;
    },
  };
  const credentials = DbtCloudCredentials.parse({
    accountId: 1,
    token: "fake-token-123",
    accessUrl: "https://cloud.example",
  });
  const client = new DbtCloudClient({ credentials, fetch, clock });
  const workspace = new DbtCloudWorkspace({ credentials, client, projectId: 11, environmentId: 101 });
  return { state, workspace, clock };
}

/** A delivery as dbt Cloud sends it: the body and its hex HMAC-SHA256 signature. */
export function signedDelivery(run: FakeRun, secret: string): { rawBody: string; authorization: string } {
  const rawBody = JSON.stringify({
    accountId: 1,
    webhooksID: "wsu_test",
    eventId: `wev_${run.id}`,
    timestamp: new Date(run.finishedAt).toISOString(),
    eventType: "job.run.completed",
    webhookName: "sensor",
    data: {
      jobId: String(run.jobId),
      jobName: "job",
      runId: String(run.id),
      environmentId: String(run.environmentId),
      environmentName: "Production",
      dbtVersion: "1.9",
      projectName: "Shop",
      projectId: "11",
      runStatus: run.status === 10 ? "Success" : run.status === 20 ? "Error" : "Cancelled",
      runStatusCode: run.status,
      runStatusMessage: "None",
      runReason: "test",
      runFinishedAt: new Date(run.finishedAt).toISOString(),
    },
  });
  return { rawBody, authorization: createHmac("sha256", secret).update(rawBody).digest("hex") };
}
