import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Emulator } from "@dbt-cloud-kit/emulator";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { baseInputs, emulator, JOBS } from "./emulator-env.js";
import { runBundle } from "./run-bundle.js";

let emu: Emulator;
beforeEach(async () => {
  emu = await emulator();
});
afterEach(async () => {
  await emu.close();
});

describe("the built action against the emulator", () => {
  it("succeeds, writes every output, downloads artifacts and a job summary", async () => {
    const result = await runBundle({ inputs: baseInputs(emu, JOBS.daily) });
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const o = result.outputs;
    expect(o.status).toBe("success");
    expect(o["status-code"]).toBe("10");
    expect(o["job-id"]).toBe(String(JOBS.daily));
    expect(Number(o["run-id"])).toBeGreaterThan(0);
    expect(o["run-url"]).toMatch(/^http/);
    expect(Number(o["duration-seconds"])).toBeGreaterThanOrEqual(0);
    expect(Number(o["queued-seconds"])).toBeGreaterThanOrEqual(0);
    expect(o["artifacts-dir"]).toBe("dbt-cloud-artifacts");
    expect(o["run-results-path"]).toBe(join("dbt-cloud-artifacts", "run_results.json"));
    expect(o["manifest-path"]).toBe(join("dbt-cloud-artifacts", "manifest.json"));
    expect(existsSync(join(result.workspace, o["run-results-path"] ?? ""))).toBe(true);
    const results = JSON.parse(o.results ?? "{}") as Record<string, Record<string, number>>;
    expect(results.model?.success).toBeGreaterThan(0);
    expect(JSON.parse(o["failed-nodes"] ?? "")).toEqual([]);
    expect(result.summary).toContain("✅ dbt Cloud");
    expect(result.summary).toContain("### Results");
    expect(result.state["dbt-cloud-run-id"]).toBe(o["run-id"]);
    expect(result.state["dbt-cloud-phase"]).toBe("done");
    // Exactly one trigger, and no include_related while polling.
    expect(emu.requests.count({ operation: "triggerJobRun" })).toBe(1);
    const polls = emu.requests.list({ operation: "getRun" });
    expect(polls.filter((r) => r.query.includes("include_related")).length).toBe(1);
    expect(result.stdout).toMatch(/Run \d+: Success/);
  });

  it("fails on a run error with the failed step's logs, annotations and failed nodes", async () => {
    const result = await runBundle({ inputs: baseInputs(emu, JOBS.failingTests) });
    expect(result.code).toBe(1);
    const o = result.outputs;
    expect(o.status).toBe("error");
    expect(o["status-code"]).toBe("20");
    const failed = JSON.parse(o["failed-nodes"] ?? "[]") as string[];
    expect(failed.length).toBeGreaterThanOrEqual(2);
    expect(failed.some((id) => id.includes("assert_order_amount_positive"))).toBe(true);
    expect(result.stdout).toMatch(/::group::Logs of failed step \d+/);
    expect(result.stdout).toMatch(/::error title=dbt test/);
    expect(result.stdout).toMatch(/::warning title=dbt test/);
    expect(result.stdout).toMatch(/::error::dbt Cloud run \d+ failed at step \d+/);
    expect(result.summary).toContain("### Failed and warned nodes");
    expect(result.summary).toContain("assert_order_amount_positive");
  });

  it("writes no summary and no annotations when both are switched off", async () => {
    const result = await runBundle({
      inputs: { ...baseInputs(emu, JOBS.failingTests), "job-summary": "false", annotations: "false" },
    });
    expect(result.code).toBe(1);
    expect(result.summary).toBe("");
    expect(result.stdout).not.toMatch(/::(error|warning) title=/);
    expect(result.stdout).toMatch(/::error::dbt Cloud run \d+ failed/);
  });

  it("does not fail the step with fail-on-error: false", async () => {
    const result = await runBundle({
      inputs: { ...baseInputs(emu, JOBS.modelError), "fail-on-error": "false" },
    });
    expect(result.code).toBe(0);
    expect(result.outputs.status).toBe("error");
    expect(JSON.parse(result.outputs["failed-nodes"] ?? "[]")).toContain("model.emulated_shop.stg_payments");
  });

  it("reports a cancelled run", async () => {
    emu.jobs.configure(JOBS.daily, { outcome: "cancelled" });
    const result = await runBundle({ inputs: baseInputs(emu, JOBS.daily) });
    expect(result.code).toBe(1);
    expect(result.outputs.status).toBe("cancelled");
    expect(result.outputs["status-code"]).toBe("30");
    expect(result.stdout).toMatch(/::error::dbt Cloud run \d+ was cancelled/);
  });

  it("takes artifacts from the build step when docs generate runs last", async () => {
    const result = await runBundle({ inputs: baseInputs(emu, JOBS.docs) });
    expect(result.code).toBe(0);
    const downloads = emu.requests.list({ operation: "getRunArtifact" });
    expect(downloads.length).toBe(2);
    for (const d of downloads) expect(d.query).toMatch(/step=\d+/);
    const runResults = JSON.parse(
      readFileSync(join(result.workspace, "dbt-cloud-artifacts/run_results.json"), "utf8"),
    );
    expect(runResults.args?.which ?? runResults.args?.invocation_command).not.toMatch(/generate/);
  });

  it("takes catalog.json from the docs generate step", async () => {
    const result = await runBundle({
      inputs: { ...baseInputs(emu, JOBS.docs), artifacts: "run_results.json\ncatalog.json" },
    });
    expect(result.code).toBe(0);
    const steps = emu.requests
      .list({ operation: "getRunArtifact" })
      .map((r) => `${r.path.split("/").pop()}?${r.query.replace(/^\?/, "")}`);
    const stepOf = (file: string) =>
      Number(/step=(\d+)/.exec(steps.find((s) => s.startsWith(file)) ?? "")?.[1]);
    expect(stepOf("catalog.json")).toBeGreaterThan(stepOf("run_results.json"));
    expect(existsSync(join(result.workspace, "dbt-cloud-artifacts/catalog.json"))).toBe(true);
  });

  it("fails a successful run that lacks an artifact the input names explicitly", async () => {
    const result = await runBundle({
      inputs: { ...baseInputs(emu, JOBS.parseOnly), artifacts: "run_results.json" },
    });
    expect(result.code).toBe(1);
    expect(result.outputs.status).toBe("success");
    expect(result.stdout).toMatch(
      /::error::dbt Cloud run \d+ succeeded, but the required artifact\(s\) run_results.json were not produced/,
    );
  });

  it("only warns when a default artifact is missing", async () => {
    const result = await runBundle({ inputs: baseInputs(emu, JOBS.parseOnly) });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/::warning::Artifact run_results.json was not produced by run \d+/);
    expect(result.outputs["manifest-path"]).toBe(join("dbt-cloud-artifacts", "manifest.json"));
  });

  it("warns, not fails, when the run saved no artifacts", async () => {
    const result = await runBundle({ inputs: baseInputs(emu, JOBS.noArtifacts) });
    expect(result.code).toBe(0);
    expect(result.outputs.status).toBe("success");
    expect(result.stdout).toMatch(/::warning::Run \d+ saved no artifacts/);
    expect(result.outputs.results).toBeUndefined();
  });

  it("returns at once with wait: false and never fails on a queued run", async () => {
    const result = await runBundle({ inputs: { ...baseInputs(emu, JOBS.failingTests), wait: "false" } });
    expect(result.code).toBe(0);
    expect(["queued", "starting", "running"]).toContain(result.outputs.status);
    expect(result.outputs["run-id"]).toBeTruthy();
    expect(emu.requests.count({ operation: "getRun" })).toBe(0);
    expect(result.state["dbt-cloud-phase"]).toBe("not-waiting");
  });
});
