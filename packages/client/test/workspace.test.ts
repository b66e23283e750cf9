import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { HttpResponse, http } from "msw";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  adhocJobNames,
  DbtCloudError,
  type DbtCloudRun,
  DbtCloudRunFailedError,
  DbtCloudTimeoutError,
  DbtCloudValidationError,
  DbtCloudWorkspace,
  formatRunLogs,
  isAdhocJobName,
} from "../src/index.js";
import { credentials, job, listPage, makeClient, ok, run, useServer, V2, virtualClock } from "./helpers.js";

const server = useServer();

/** A tiny stateful dbt Cloud: jobs, runs that progress Queued → Running → final on each read. */
function fakeCloud(
  options: {
    jobs?: Record<string, unknown>[];
    finalStatus?: number;
    busyJobIds?: number[];
    emptyLogsOnce?: boolean;
    readsToFinish?: number;
  } = {},
) {
  const state = {
    jobs: [...(options.jobs ?? [])],
    runs: new Map<number, { run: DbtCloudRun; reads: number; steps: string[] }>(),
    triggers: [] as { jobId: number; body: Record<string, unknown> }[],
    creates: [] as Record<string, unknown>[],
    cancels: [] as number[],
    artifactReads: 0,
    runListQueries: [] as URLSearchParams[],
    busy: new Set(options.busyJobIds ?? []),
    logsServed: 0,
  };
  let nextId = 100;
  server.use(
    http.get(`${V2}/jobs/`, () => listPage(state.jobs, state.jobs.length)),
    http.post(`${V2}/jobs/`, async ({ request }) => {
      const body = (await request.json()) as Record<string, unknown>;
      state.creates.push(body);
      const created = job({ ...body, id: 500 + state.creates.length });
      state.jobs.push(created);
      return ok(created);
    }),
    http.post(`${V2}/jobs/:id/run/`, async ({ request, params }) => {
      const body = (await request.json()) as Record<string, unknown>;
      const jobId = Number(params.id);
      state.triggers.push({ jobId, body });
      const id = nextId++;
      const r = run({ id, job_definition_id: jobId, status: 1, git_sha: "sha-from-env-branch" });
      state.runs.set(id, { run: r, reads: 0, steps: body.steps_override as string[] });
      return ok(r);
    }),
    http.get(`${V2}/runs/`, ({ request }) => {
      const q = new URL(request.url).searchParams;
      state.runListQueries.push(q);
      const inFlight = [...state.busy].map((jobId) =>
        run({ id: 9000 + jobId, job_definition_id: jobId, status: 3 }),
      );
      return listPage(inFlight, inFlight.length);
    }),
    http.get(`${V2}/runs/:id/`, ({ params, request }) => {
      const entry = state.runs.get(Number(params.id));
      if (!entry)
        return HttpResponse.json({ data: null, status: { code: 404, is_success: false } }, { status: 404 });
      const withSteps = new URL(request.url).searchParams.get("include_related") === "run_steps";
      if (!withSteps) entry.reads++;
      const status =
        entry.reads >= (options.readsToFinish ?? 3) ? (options.finalStatus ?? 10) : entry.reads >= 1 ? 3 : 1;
      const emptyLogs = withSteps && options.emptyLogsOnce && state.logsServed++ === 0;
      const steps = withSteps
        ? entry.steps.map((command, i) => ({
            index: 4 + i,
            name: `Invoke dbt with \`${command}\``,
            status: status === 20 ? 20 : 10,
            logs: emptyLogs ? "" : `${command} output`,
          }))
        : undefined;
      return ok({ ...entry.run, status, ...(steps ? { run_steps: steps } : {}) });
    }),
    http.post(`${V2}/runs/:id/cancel/`, ({ params }) => {
      state.cancels.push(Number(params.id));
      return ok(run({ id: Number(params.id), status: 30 }));
    }),
    http.get(`${V2}/runs/:id/artifacts/manifest.json`, () => {
      state.artifactReads++;
      return HttpResponse.json({
        metadata: { dbt_schema_version: "https://schemas.getdbt.com/dbt/manifest/v12.json" },
        nodes: {},
      });
    }),
  );
  return state;
}

function workspace(extra: Partial<ConstructorParameters<typeof DbtCloudWorkspace>[0]> = {}) {
  const { client, vc, log } = makeClient();
  const ws = new DbtCloudWorkspace({ credentials, projectId: 20, environmentId: 30, client, ...extra });
  return { ws, vc, log };
}

describe("ad hoc job names", () => {
  it("derives names from the ids, suffixing pool members after the first", () => {
    expect(adhocJobNames(20, 30)).toEqual(["DBT_CLOUD_KIT_ADHOC__20__30"]);
    expect(adhocJobNames(20, 30, 3)).toEqual([
      "DBT_CLOUD_KIT_ADHOC__20__30",
      "DBT_CLOUD_KIT_ADHOC__20__30__1",
      "DBT_CLOUD_KIT_ADHOC__20__30__2",
    ]);
    expect(adhocJobNames(20, 30, 2, "my adhoc")).toEqual(["my adhoc", "my adhoc__1"]);
    expect(isAdhocJobName("DBT_CLOUD_KIT_ADHOC__1__2__3")).toBe(true);
    expect(isAdhocJobName("Nightly")).toBe(false);
  });
});

describe("DbtCloudWorkspace", () => {
  it("validates its options", () => {
    const { client } = makeClient();
    expect(() => new DbtCloudWorkspace({ credentials, client, projectId: 0, environmentId: 1 })).toThrow(
      DbtCloudValidationError,
    );
    expect(
      () =>
        new DbtCloudWorkspace({ credentials, client, projectId: 1, environmentId: 1, adhocJobPoolSize: 0 }),
    ).toThrow(/adhocJobPoolSize/);
    expect(
      () =>
        new DbtCloudWorkspace({
          credentials,
          client,
          projectId: 1,
          environmentId: 1,
          adhocJobPoolMode: "x" as never,
        }),
    ).toThrow(/overflow, wait, fail/);
    expect(new DbtCloudWorkspace({ credentials, client, projectId: 1, environmentId: 2 }).uniqueId).toBe(
      "1-2",
    );
  });

  it("builds its own client from the credentials", () => {
    const ws = new DbtCloudWorkspace({ credentials, projectId: 1, environmentId: 2 });
    expect(ws.client.credentials.accountId).toBe(1);
  });

  it("creates the missing pool jobs once, reusing existing ones (memoized)", async () => {
    const state = fakeCloud({
      jobs: [job({ id: 7, name: "DBT_CLOUD_KIT_ADHOC__20__30" }), job({ id: 8, name: "Nightly" })],
    });
    const { ws } = workspace({ adhocJobPoolSize: 3 });
    const jobs = await ws.getAdhocJobs();
    expect(jobs.map((j) => j.id)).toEqual([7, 501, 502]);
    expect(state.creates.map((c) => c.name)).toEqual([
      "DBT_CLOUD_KIT_ADHOC__20__30__1",
      "DBT_CLOUD_KIT_ADHOC__20__30__2",
    ]);
    expect(state.creates[0]).toMatchObject({ project_id: 20, environment_id: 30, job_type: "other" });
    await ws.getAdhocJobs();
    expect(state.creates).toHaveLength(2);
  });

  it("pool: picks the first job without a run in flight with one list call", async () => {
    const state = fakeCloud({
      jobs: adhocJobNames(20, 30, 3).map((name, i) => job({ id: 10 + i, name })),
      busyJobIds: [10],
    });
    const { ws } = workspace({ adhocJobPoolSize: 3 });
    expect((await ws.pickAdhocJob()).id).toBe(11);
    expect(state.runListQueries).toHaveLength(1);
    expect(state.runListQueries[0]?.get("status__in")).toBe("[1,2,3]");
    expect(state.runListQueries[0]?.get("environment_id")).toBe("30");
  });

  it("pool overflow: all busy → a random member", async () => {
    fakeCloud({
      jobs: adhocJobNames(20, 30, 3).map((name, i) => job({ id: 10 + i, name })),
      busyJobIds: [10, 11, 12],
    });
    const { ws, log } = workspace({ adhocJobPoolSize: 3 });
    expect((await ws.pickAdhocJob()).id).toBe(11); // random() = 0.5
    expect(log.text()).toMatch(/have a run in flight; queueing on job 11/);
  });

  it("pool fail: all busy → an error saying what to change", async () => {
    fakeCloud({
      jobs: adhocJobNames(20, 30, 2).map((name, i) => job({ id: 10 + i, name })),
      busyJobIds: [10, 11],
    });
    const { ws } = workspace({ adhocJobPoolSize: 2, adhocJobPoolMode: "fail" });
    await expect(ws.pickAdhocJob()).rejects.toThrow(
      /All 2 ad hoc dbt Cloud jobs of 20-30 have a run in flight\. Increase/,
    );
  });

  it("pool wait: re-checks until a job frees up, bounded by poolWaitTimeoutMs", async () => {
    const state = fakeCloud({
      jobs: adhocJobNames(20, 30, 2).map((name, i) => job({ id: 10 + i, name })),
      busyJobIds: [10, 11],
    });
    const vc = virtualClock();
    const clock = {
      ...vc.clock,
      sleep: async (ms: number, signal?: AbortSignal) => {
        await vc.clock.sleep(ms, signal);
        if (vc.sleeps.length === 2) state.busy.delete(11);
      },
    };
    const { client } = makeClient({ clock });
    const { ws } = workspace({
      client,
      adhocJobPoolSize: 2,
      adhocJobPoolMode: "wait",
      poolWaitIntervalMs: 5000,
    });
    expect((await ws.pickAdhocJob()).id).toBe(11);
    expect(vc.sleeps).toEqual([5000, 5000]);

    state.busy.add(11);
    const { ws: ws2 } = workspace({
      adhocJobPoolSize: 2,
      adhocJobPoolMode: "wait",
      poolWaitTimeoutMs: 12_000,
      poolWaitIntervalMs: 5000,
    });
    await expect(ws2.pickAdhocJob()).rejects.toThrow(/after waiting 12 s/);
  });

  it("fetchManifest runs dbt parse on the ad hoc job, downloads manifest.json and caches it in memory", async () => {
    const state = fakeCloud();
    const { ws } = workspace();
    const data = await ws.fetchWorkspaceData();
    expect(data.manifest).toMatchObject({ nodes: {} });
    expect(data).toMatchObject({
      projectId: 20,
      environmentId: 30,
      adhocJobIds: [501],
      gitSha: "sha-from-env-branch",
      source: "parse",
    });
    expect(state.triggers).toEqual([
      { jobId: 501, body: { cause: "Triggered by dbt-cloud-kit: dbt parse", steps_override: ["dbt parse"] } },
    ]);
    const again = await ws.fetchWorkspaceData();
    expect(again.source).toBe("memory");
    expect(await ws.fetchManifest()).toBe(data.manifest);
    expect(state.triggers).toHaveLength(1);
    expect(state.artifactReads).toBe(1);
    await ws.fetchManifest({ refresh: true });
    expect(state.triggers).toHaveLength(2);
  });

  it("fetchManifest shares one parse between concurrent callers", async () => {
    const state = fakeCloud();
    const { ws } = workspace();
    await Promise.all([ws.fetchManifest(), ws.fetchManifest(), ws.fetchManifest()]);
    expect(state.triggers).toHaveLength(1);
  });

  it("a caller that aborts does not cancel a parse another caller still waits for", async () => {
    const state = fakeCloud({ readsToFinish: 10 });
    const { ws } = workspace();
    const impatient = new AbortController();
    const first = ws.fetchManifest({ signal: impatient.signal });
    const second = ws.fetchManifest({ signal: new AbortController().signal });
    impatient.abort(new Error("impatient"));
    await expect(first).rejects.toThrow("impatient");
    await expect(second).resolves.toMatchObject({ nodes: {} });
    expect(state.triggers).toHaveLength(1);
    expect(state.cancels).toEqual([]);
  });

  describe("disk cache", () => {
    let dir: string;
    beforeEach(async () => {
      dir = await mkdtemp(join(tmpdir(), "ws-cache-"));
    });
    afterEach(async () => {
      await rm(dir, { recursive: true, force: true });
    });

    it("keys by account, project, environment and git sha; parses at that sha; serves later loads from disk", async () => {
      const state = fakeCloud();
      const { ws } = workspace({ cacheDir: dir });
      const first = await ws.fetchWorkspaceData({ gitSha: "abc123" });
      expect(first.source).toBe("parse");
      expect(state.triggers[0]?.body).toMatchObject({ git_sha: "abc123", steps_override: ["dbt parse"] });
      expect(await readdir(dir)).toEqual(["manifest-1-20-30-abc123.json"]);

      const { ws: fresh } = workspace({ cacheDir: dir });
      const second = await fresh.fetchWorkspaceData({ gitSha: "abc123" });
      expect(second.source).toBe("disk");
      expect(second.manifest).toEqual(first.manifest);
      expect(state.triggers).toHaveLength(1);

      await fresh.fetchWorkspaceData({ gitSha: "def456" });
      expect(state.triggers).toHaveLength(2);
    });

    it("without a sha, caches under the sha the run reports", async () => {
      fakeCloud();
      const { ws } = workspace({ cacheDir: dir });
      await ws.fetchManifest();
      expect(await readdir(dir)).toEqual(["manifest-1-20-30-sha-from-env-branch.json"]);
    });
  });

  it("a failed parse run is a DbtCloudRunFailedError and is not cached", async () => {
    const state = fakeCloud({ finalStatus: 20 });
    const { ws } = workspace();
    await expect(ws.fetchManifest()).rejects.toBeInstanceOf(DbtCloudRunFailedError);
    await expect(ws.fetchManifest()).rejects.toBeInstanceOf(DbtCloudRunFailedError);
    expect(state.triggers).toHaveLength(2);
  });

  it("parse has no default timeout (a 1 h parse completes), but parseTimeoutMs bounds it", async () => {
    fakeCloud({ readsToFinish: 400 });
    const patient = workspace();
    const started = patient.vc.now;
    await expect(patient.ws.fetchManifest()).resolves.toMatchObject({ nodes: {} });
    expect(patient.vc.now - started).toBeGreaterThan(3_600_000);
    const slow = workspace({ parseTimeoutMs: 1 });
    await expect(slow.ws.fetchManifest()).rejects.toBeInstanceOf(DbtCloudTimeoutError);
  });

  it("runCommands triggers the steps, waits, and returns the run re-read with step logs", async () => {
    const state = fakeCloud();
    const { ws } = workspace();
    const statuses: number[] = [];
    const result = await ws.runCommands(["dbt build --select tag:x"], {
      cause: "assets execute",
      overrides: { threadsOverride: 8 },
      onStatusChange: (r) => void statuses.push(r.status),
    });
    expect(result.run.status).toBe(10);
    expect(result.triggeredRun.status).toBe(1);
    expect(result.jobId).toBe(501);
    expect(statuses).toEqual([3, 10]);
    expect(state.triggers[0]?.body).toEqual({
      cause: "assets execute",
      threads_override: 8,
      steps_override: ["dbt build --select tag:x"],
    });
    expect(formatRunLogs(result.run)).toBe(
      "=== Step: Invoke dbt with `dbt build --select tag:x` ===\ndbt build --select tag:x output\n",
    );
  });

  it("runCommands reads the run again when finished steps have no logs yet", async () => {
    fakeCloud({ emptyLogsOnce: true });
    const { ws, vc } = workspace();
    const result = await ws.runCommands(["dbt run"]);
    expect(result.run.run_steps?.[0]?.logs).toBe("dbt run output");
    expect(vc.sleeps.at(-1)).toBe(2000);
  });

  it("triggerCommands only triggers", async () => {
    const state = fakeCloud();
    const { ws } = workspace();
    const seen: number[] = [];
    const { run: r } = await ws.triggerCommands(["dbt seed"], {
      onTriggered: (triggered) => void seen.push(triggered.id),
    });
    expect(r.status).toBe(1);
    expect(seen).toEqual([r.id]);
    expect(state.runs.get(r.id)?.reads).toBe(0);
    await expect(ws.triggerCommands([])).rejects.toThrow(/stepsOverride/);
  });

  it("runCommands cancels the dbt Cloud run when the caller aborts", async () => {
    const state = fakeCloud();
    const { ws } = workspace();
    const controller = new AbortController();
    await expect(
      ws.runCommands(["dbt build"], {
        signal: controller.signal,
        onStatusChange: () => controller.abort(new DbtCloudError("stop")),
      }),
    ).rejects.toThrow("stop");
    expect(state.cancels).toEqual([100]);
  });
});
