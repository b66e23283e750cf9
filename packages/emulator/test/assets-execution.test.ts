// @dbt-cloud-kit/assets' dbtCloudAssets and loadDbtCloudAssetSpecs over real HTTP against the emulator. It
// lives here because the emulator depends on assets (a test dependency back would be a package cycle), and
// it reaches every package through its public entry.
import {
  DbtCloudAssetsError,
  DbtCloudRunError,
  DbtCommandError,
  type DbtEvent,
  DbtSubsetError,
  dbtCloudAssets,
  loadDbtCloudAssetSpecs,
} from "@dbt-cloud-kit/assets";
import { DbtCloudRunFailedError, DbtCloudWorkspace, type Logger } from "@dbt-cloud-kit/client";
import { DbtCloudCredentials } from "@dbt-cloud-kit/credentials";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Emulator, startEmulator } from "../src/index.js";

const PROJECT = 11;
const ENVIRONMENT = 101;

let emulator: Emulator;

beforeAll(async () => {
  emulator = await startEmulator({ clock: { mode: "real", speed: 500 } });
});
afterAll(async () => {
  await emulator?.close();
});

function recordingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const push = (m: string) => lines.push(m);
  return { lines, debug() {}, info: push, warn: push, error: push };
}

/** A fresh workspace per test (its own ad hoc job name), polling fast against the emulator. */
function workspace(adhocJobName: string, logger: Logger = recordingLogger()): DbtCloudWorkspace {
  return new DbtCloudWorkspace({
    credentials: DbtCloudCredentials.parse({
      accountId: emulator.accountId,
      token: emulator.token,
      accessUrl: emulator.url,
    }),
    projectId: PROJECT,
    environmentId: ENVIRONMENT,
    adhocJobName,
    pollIntervalMs: 20,
    logger,
  });
}

function stepsOverrides(jobName: string): string[][] {
  const job = emulator.jobs.get(jobName);
  return emulator.requests
    .list({ method: "POST" })
    .filter((r) => r.path.endsWith(`/jobs/${job.id}/run/`))
    .map((r) => (r.body as { steps_override?: string[] }).steps_override ?? []);
}

async function collect(
  events: AsyncGenerator<DbtEvent, unknown, undefined>,
): Promise<{ events: DbtEvent[]; error?: unknown }> {
  const out: DbtEvent[] = [];
  try {
    for await (const event of events) out.push(event);
  } catch (error) {
    return { events: out, error };
  }
  return { events: out };
}

describe("loadDbtCloudAssetSpecs against the emulator", () => {
  it("parses the project on the ad hoc job and builds specs tagged with the dbt Cloud ids", async () => {
    const ws = workspace("KIT_LOAD");
    const specs = await loadDbtCloudAssetSpecs(ws);
    expect(stepsOverrides("KIT_LOAD")).toEqual([["dbt parse"]]);
    expect(specs.parseRunId).toBeTypeOf("number");
    expect(specs.assetSpecs.map((s) => s.key.at(-1))).toContain("orders");
    expect(specs.checkSpecs.length).toBeGreaterThan(5);
    expect(specs.externalSpecs.some((s) => s.resourceType === "source")).toBe(true);
    expect(specs.assetSpecs[0]?.metadata).toMatchObject({
      "dbt_cloud/account_id": emulator.accountId,
      "dbt_cloud/project_id": PROJECT,
      "dbt_cloud/environment_id": ENVIRONMENT,
    });
    expect(specs.assetSpecs[0]?.kinds[0]).toBe("dbtcloud");
  });
});

describe("dbtCloudAssets().execute against the emulator", () => {
  it("runs `dbt build --select 'fqn:*'` (the glob quoted), logs the step logs once and yields events for every asset and check", async () => {
    const logger = recordingLogger();
    const assets = await dbtCloudAssets({ workspace: workspace("KIT_FULL", logger) });
    const { events, error } = await collect(assets.execute());
    expect(error).toBeUndefined();
    expect(stepsOverrides("KIT_FULL")).toEqual([["dbt parse"], ["dbt build --select 'fqn:*'"]]);
    const materialized = new Set(events.filter((e) => e.type === "materialization").map((e) => e.uniqueId));
    expect(materialized).toEqual(new Set(assets.assetSpecs.map((s) => s.uniqueId)));
    const checked = new Set(events.filter((e) => e.type === "check_result").map((e) => e.uniqueId));
    expect(checked).toEqual(new Set(assets.checkSpecs.map((c) => c.uniqueId)));
    expect(
      events.every((e) => typeof e.metadata.run_url === "string" && e.metadata.run_id !== undefined),
    ).toBe(true);
    const stepHeaders = logger.lines.filter((l) => l.includes("=== Step:"));
    expect(stepHeaders).toHaveLength(1);
  });

  it("runs exactly a subset: chosen assets and checks by fqn, indirect selection off", async () => {
    const assets = await dbtCloudAssets({ workspace: workspace("KIT_SUBSET") });
    const orders = assets.assetSpecs.find((s) => s.key.at(-1) === "orders");
    const customers = assets.assetSpecs.find((s) => s.key.at(-1) === "customers");
    const ordersCheck = assets.checkSpecs.find((c) => c.assetUniqueId === orders?.uniqueId);
    if (!orders || !customers || !ordersCheck) throw new Error("emulator project changed");
    const { events, error } = await collect(
      assets.execute({
        subset: {
          assetKeys: [orders.key, customers.key],
          checkKeys: [{ asset: ordersCheck.asset, name: ordersCheck.name }],
        },
      }),
    );
    expect(error).toBeUndefined();
    const command = stepsOverrides("KIT_SUBSET").at(-1)?.[0] ?? "";
    expect(command).toMatch(/^dbt build --select 'fqn:\S+ fqn:\S+ fqn:\S+' --indirect-selection empty$/);
    expect(new Set(events.map((e) => e.uniqueId))).toEqual(
      new Set([orders.uniqueId, customers.uniqueId, ordersCheck.uniqueId]),
    );
  });

  it("quotes each argv token, so JSON --vars survive as one argument", async () => {
    const assets = await dbtCloudAssets({
      workspace: workspace("KIT_VARS"),
      select: "orders",
      indirectSelection: "eager",
    });
    await collect(assets.execute({ args: ["run", "--vars", '{"run_date": "2024-01-15"}'] }));
    expect(stepsOverrides("KIT_VARS").at(-1)).toEqual([
      `dbt run --vars '{"run_date": "2024-01-15"}' --select orders --indirect-selection eager`,
    ]);
  });

  it("yields the events of a failed run, then throws DbtCloudRunError naming the failed nodes", async () => {
    const ws = workspace("KIT_FAIL");
    const assets = await dbtCloudAssets({ workspace: ws });
    emulator.jobs.configure("KIT_FAIL", { failNodes: ["stg_payments"] });
    const { events, error } = await collect(assets.execute());
    expect(error).toBeInstanceOf(DbtCloudRunError);
    expect(error).toBeInstanceOf(DbtCloudRunFailedError);
    expect(error).toBeInstanceOf(DbtCloudAssetsError);
    const runError = error as DbtCloudRunError;
    expect(runError.run.id).toBe(runError.runId);
    expect(runError.status).toBe(20);
    expect(runError.failedUniqueIds.some((id) => id.endsWith(".stg_payments"))).toBe(true);
    expect(runError.message).toMatch(/^dbt Cloud run \d+ ended error/);
    expect(events.some((e) => e.type === "asset_failure" && e.uniqueId.endsWith(".stg_payments"))).toBe(true);
    expect(events.some((e) => e.type === "asset_skipped")).toBe(true);
    expect(events.some((e) => e.type === "materialization")).toBe(true);
  });

  it("still throws the run error when run_results.json of a failed run cannot be read", async () => {
    const logger = recordingLogger();
    const assets = await dbtCloudAssets({ workspace: workspace("KIT_FAIL_FETCH", logger) });
    emulator.jobs.configure("KIT_FAIL_FETCH", { failNodes: ["stg_orders"] });
    const fault = emulator.faults.add({ operation: "getRunArtifact", kind: "status", status: 403, count: 1 });
    try {
      const { events, error } = await collect(assets.execute());
      expect(events).toEqual([]);
      expect(error).toBeInstanceOf(DbtCloudRunError);
      expect((error as DbtCloudRunError).cause).toBeInstanceOf(Error);
      expect(logger.lines.some((l) => l.startsWith("Could not read run_results.json of failed run"))).toBe(
        true,
      );
    } finally {
      emulator.faults.remove(fault.id);
    }
  });

  it("warns and yields nothing when the run saved no run_results.json", async () => {
    const logger = recordingLogger();
    const assets = await dbtCloudAssets({ workspace: workspace("KIT_NO_ARTIFACTS", logger) });
    emulator.jobs.configure("KIT_NO_ARTIFACTS", { artifacts: false });
    const { events, error } = await collect(assets.execute());
    expect(error).toBeUndefined();
    expect(events).toEqual([]);
    expect(logger.lines.some((l) => /has no run_results\.json/.test(l))).toBe(true);
  });

  it("cancels the dbt Cloud run when the caller aborts while waiting", async () => {
    const assets = await dbtCloudAssets({ workspace: workspace("KIT_ABORT") });
    emulator.jobs.configure("KIT_ABORT", { runSeconds: 3600 });
    const controller = new AbortController();
    let runId: number | undefined;
    const { events, error } = await collect(
      assets.execute({
        signal: controller.signal,
        onRunStarted: (run) => {
          runId = run.id;
          setTimeout(() => controller.abort(new Error("workflow cancelled")), 50);
        },
      }),
    );
    expect(events).toEqual([]);
    expect(error).toBeDefined();
    expect(runId).toBeTypeOf("number");
    const run = emulator.runs.list().find((r) => r.id === runId);
    expect(run?.status).toBe(30);
  });

  it("rejects selection flags in args and unknown subset keys before triggering anything", async () => {
    const assets = await dbtCloudAssets({ workspace: workspace("KIT_BAD") });
    const before = stepsOverrides("KIT_BAD").length;
    await expect(
      collect(assets.execute({ args: ["build", "--select", "orders"] })).then((r) => {
        throw r.error;
      }),
    ).rejects.toBeInstanceOf(DbtCommandError);
    await expect(
      collect(assets.execute({ subset: { assetKeys: ["nope"] } })).then((r) => {
        throw r.error;
      }),
    ).rejects.toBeInstanceOf(DbtSubsetError);
    expect(stepsOverrides("KIT_BAD")).toHaveLength(before);
  });
});
