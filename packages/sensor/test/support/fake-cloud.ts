import { createHmac } from "node:crypto";
import { type Clock, DbtCloudClient, DbtCloudWorkspace, type FetchLike } from "@dbt-cloud-kit/client";
import { DbtCloudCredentials } from "@dbt-cloud-kit/credentials";

export interface FakeRun {
  id: number;
  jobId: number;
  environmentId: number;
  status: number;
  finishedAt: number;
  /** When the run shows up in list responses (finishedAt + arrival delay). */
  visibleAt: number;
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
  const runJson = (r: FakeRun) => ({
    id: r.id,
    status: r.status,
    account_id: 1,
    project_id: 11,
    environment_id: r.environmentId,
    job_definition_id: r.jobId,
    finished_at: iso(r.finishedAt),
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
      const range = JSON.parse(q.get("finished_at__range") ?? "null") as [string, string] | null;
      const [lo, hi] = range
        ? range.map((v) => Date.parse(v))
        : [Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY];
      const env = Number(q.get("environment_id"));
      const list = runs
        .filter(
          (r) =>
            r.visibleAt <= state.now &&
            r.environmentId === env &&
            r.finishedAt >= (lo as number) &&
            r.finishedAt <= (hi as number),
        )
        .sort((a, b) => a.finishedAt - b.finishedAt || b.id - a.id);
      const offset = Number(q.get("offset") ?? 0);
      const limit = Number(q.get("limit") ?? 100);
      const page = list.slice(offset, offset + limit).map(runJson);
      return ok(page, { pagination: { count: page.length, total_count: list.length } });
    }
    const get = /^\/api\/v2\/accounts\/1\/runs\/(\d+)\/$/.exec(path);
    if (get) {
      const run = byId.get(Number(get[1]));
      if (!run || run.finishedAt > state.now)
        return json(404, { data: null, status: { code: 404, is_success: false } });
      return ok(runJson(run));
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
