import { parseCatalog, parseManifest, parseRunResults, parseSourcesJson } from "@dbt-cloud-kit/assets";
import { RunStatus } from "@dbt-cloud-kit/client";
import { describe, expect, it } from "vitest";
import type { Emulator } from "../src/index.js";
import { clientFor, emulator, raw, v2 } from "./helpers.js";

interface RunResults {
  metadata: { dbt_schema_version: string; env: Record<string, string>; invocation_id: string };
  results: Array<{
    unique_id: string;
    status: string;
    failures: number | null;
    timing: unknown[];
    execution_time: number;
  }>;
  args: { which: string; invocation_command: string };
  elapsed_time: number;
}

async function finishedRun(emu: Emulator, job: string, overrides: Record<string, unknown> = {}) {
  const client = clientFor(emu);
  const run = await client.triggerJobRun(emu.jobs.get(job).id, {
    cause: `artifacts of ${job}`,
    ...overrides,
  });
  emu.clock.advanceSeconds(3600);
  return { client, run: await client.getRun(run.id, { includeRelated: ["run_steps"] }) };
}

describe("artifacts per step", () => {
  it("a build step writes a realistic run_results.json (v6) and manifest.json (v12) the assets parsers accept", async () => {
    const emu = await emulator();
    const { client, run } = await finishedRun(emu, "Daily build");
    expect(run.artifacts_saved).toBe(true);
    const paths = await client.listRunArtifacts(run.id);
    expect(paths).toEqual(expect.arrayContaining(["manifest.json", "run_results.json"]));
    expect(paths).not.toContain("catalog.json");
    expect(paths.some((p) => p.startsWith("compiled/emulated_shop/models/"))).toBe(true);

    const rrText = (await raw(emu, v2(emu, `runs/${run.id}/artifacts/run_results.json`))).text;
    const parsed = parseRunResults(rrText);
    const rr = JSON.parse(rrText) as RunResults;
    expect(rr.metadata.dbt_schema_version).toBe("https://schemas.getdbt.com/dbt/run-results/v6.json");
    expect(rr.metadata.env).toMatchObject({
      DBT_CLOUD_RUN_ID: String(run.id),
      DBT_CLOUD_JOB_ID: String(run.job_definition_id),
      DBT_CLOUD_PROJECT_ID: String(run.project_id),
      DBT_CLOUD_ACCOUNT_ID: String(emu.accountId),
    });
    expect(rr.args).toMatchObject({ which: "build", invocation_command: "dbt build" });
    expect(parsed.results.length).toBe(rr.results.length);
    // Every executable node of the generated project ran: seeds, models (not the ephemeral one), snapshot, tests.
    const ids = rr.results.map((r) => r.unique_id);
    expect(ids).toContain("seed.emulated_shop.country_codes");
    expect(ids).toContain("snapshot.emulated_shop.customers_snapshot");
    expect(ids).not.toContain("model.emulated_shop.int_order_payments");
    expect(ids.some((id) => id.startsWith("unit_test."))).toBe(true);
    expect(new Set(rr.results.map((r) => r.status))).toEqual(new Set(["success", "pass"]));
    for (const r of rr.results) expect(r.execution_time).toBeGreaterThan(0);

    const manifestText = (await raw(emu, v2(emu, `runs/${run.id}/artifacts/manifest.json`))).text;
    const manifest = parseManifest(manifestText);
    expect(manifest.metadata.dbt_schema_version).toBe("https://schemas.getdbt.com/dbt/manifest/v12.json");
    expect((manifest.metadata as { invocation_id?: string }).invocation_id).toBe(rr.metadata.invocation_id);
  });

  it("failing tests fail, configured warnings warn, and in a build the tested model's dependants are skipped", async () => {
    const emu = await emulator();
    const { client, run } = await finishedRun(emu, "Failing tests");
    expect(run.status).toBe(RunStatus.Error);
    const rr = (await client.getRunArtifact(run.id, "run_results.json")) as RunResults;
    const byId = new Map(rr.results.map((r) => [r.unique_id, r]));
    const statusOf = (prefix: string) =>
      [...byId.values()].find((r) => r.unique_id.startsWith(prefix))?.status;
    expect(statusOf("test.emulated_shop.assert_order_amount_positive")).toBe("fail");
    expect(statusOf("test.emulated_shop.unique_stg_customers_customer_id")).toBe("fail");
    expect(statusOf("test.emulated_shop.unique_customers_customer_id")).toBe("skipped");
    expect(statusOf("test.emulated_shop.accepted_values_orders_status")).toBe("warn");
    expect(byId.get("model.emulated_shop.customer_segments")?.status).toBe("skipped");
    const failed = [...byId.values()].find((r) => r.status === "fail");
    expect(failed?.failures).toBeGreaterThan(0);
  });

  it("a model error skips its descendants", async () => {
    const emu = await emulator();
    const { client, run } = await finishedRun(emu, "Model error");
    const rr = (await client.getRunArtifact(run.id, "run_results.json")) as RunResults;
    const status = Object.fromEntries(rr.results.map((r) => [r.unique_id.split(".").at(-1), r.status]));
    expect(status).toMatchObject({
      stg_payments: "error",
      orders: "skipped",
      customers: "skipped",
      fct_daily_revenue: "skipped",
      customer_segments: "skipped",
      stg_orders: "success",
      stg_customers: "success",
    });
  });

  it("docs generate runs last: catalog.json only there; the default step is the last; ?step picks the build", async () => {
    const emu = await emulator();
    const { client, run } = await finishedRun(emu, "Build and docs");
    expect(run.has_docs_generated).toBe(true);
    const steps = run.run_steps ?? [];
    expect(steps.at(-1)?.name).toBe("Invoke dbt with `dbt docs generate`");
    const buildStep = steps.find((s) => s.name === "Invoke dbt with `dbt build`")!;
    const last = (await client.getRunArtifact(run.id, "run_results.json")) as RunResults;
    expect(last.args.which).toBe("generate");
    const build = (await client.getRunArtifact(run.id, "run_results.json", {
      step: buildStep.index,
    })) as RunResults;
    expect(build.args.which).toBe("build");
    const catalog = parseCatalog((await raw(emu, v2(emu, `runs/${run.id}/artifacts/catalog.json`))).text);
    expect(Object.keys(catalog.nodes)).toContain("model.emulated_shop.customers");
    const noCatalog = await raw(
      emu,
      v2(emu, `runs/${run.id}/artifacts/catalog.json?step=${buildStep.index}`),
    );
    expect(noCatalog.status).toBe(404);
  });

  it("dbt parse writes a manifest but no run_results; source freshness writes sources.json", async () => {
    const emu = await emulator();
    const { client, run } = await finishedRun(emu, "Parse only");
    expect(run.status).toBe(RunStatus.Success);
    expect(await client.listRunArtifacts(run.id)).toEqual(["manifest.json"]);
    expect((await raw(emu, v2(emu, `runs/${run.id}/artifacts/run_results.json`))).status).toBe(404);

    const fresh = await finishedRun(emu, "Daily build", { stepsOverride: ["dbt source freshness"] });
    const sources = parseSourcesJson(
      (await raw(emu, v2(emu, `runs/${fresh.run.id}/artifacts/sources.json`))).text,
    );
    expect(sources.results.length).toBe(3);
    expect(fresh.run.has_sources_generated).toBe(true);
  });

  it("no artifacts: list is data null (the client sees []), files 404, and nothing while the run is in flight", async () => {
    const emu = await emulator();
    const { client, run } = await finishedRun(emu, "No artifacts");
    expect(run.status).toBe(RunStatus.Success);
    expect(run.artifacts_saved).toBe(false);
    const list = await raw(emu, v2(emu, `runs/${run.id}/artifacts/`));
    expect((list.json as { data: unknown }).data).toBeNull();
    expect(await client.listRunArtifacts(run.id)).toEqual([]);
    expect((await raw(emu, v2(emu, `runs/${run.id}/artifacts/manifest.json`))).status).toBe(404);

    const inFlight = await client.triggerJobRun(1001, { cause: "in flight" });
    expect(await client.listRunArtifacts(inFlight.id)).toEqual([]);
  });

  it("steps_override --select runs only the selection (with its tests, selected eagerly)", async () => {
    const emu = await emulator();
    const { client, run } = await finishedRun(emu, "Daily build", {
      stepsOverride: ["dbt build --select stg_orders+1"],
    });
    const rr = (await client.getRunArtifact(run.id, "run_results.json")) as RunResults;
    const names = rr.results.map((r) => r.unique_id).sort();
    expect(names).toContain("model.emulated_shop.stg_orders");
    expect(names).toContain("model.emulated_shop.orders");
    expect(names).not.toContain("model.emulated_shop.customers");
    expect(names.some((n) => n.startsWith("test.emulated_shop.unique_stg_orders_order_id"))).toBe(true);

    const excluded = await finishedRun(emu, "Daily build", {
      stepsOverride: ["dbt run --exclude tag:staging"],
    });
    const rr2 = (await client.getRunArtifact(excluded.run.id, "run_results.json")) as RunResults;
    expect(rr2.results.map((r) => r.unique_id)).not.toContain("model.emulated_shop.stg_orders");
    expect(rr2.results.every((r) => r.unique_id.startsWith("model."))).toBe(true);
  });

  it("an invalid selection fails the step with dbt's runtime error", async () => {
    const emu = await emulator();
    const { run } = await finishedRun(emu, "Daily build", {
      stepsOverride: ["dbt build --select bogus_method:x"],
    });
    expect(run.status).toBe(RunStatus.Error);
    expect(run.run_steps?.at(-1)?.logs).toMatch(/Runtime Error/);
  });

  it("the job artifact endpoint serves the latest finished run's file", async () => {
    const emu = await emulator();
    const { client, run } = await finishedRun(emu, "Daily build");
    const rr = (await client.getJobArtifact(1001, "run_results.json")) as RunResults;
    expect(rr.metadata.env.DBT_CLOUD_RUN_ID).toBe(String(run.id));
    expect((await raw(emu, v2(emu, "jobs/1006/artifacts/run_results.json"))).status).toBe(404);
  });

  it("artifacts are identical on every read", async () => {
    const emu = await emulator();
    const { run } = await finishedRun(emu, "Failing tests");
    const a = (await raw(emu, v2(emu, `runs/${run.id}/artifacts/run_results.json`))).text;
    emu.clock.advanceSeconds(100);
    const b = (await raw(emu, v2(emu, `runs/${run.id}/artifacts/run_results.json`))).text;
    expect(a).toBe(b);
  });
});
