import { DbtCloudApiError, RunStatus } from "@dbt-cloud-kit/client";
import { describe, expect, it } from "vitest";
import type { Emulator } from "../src/index.js";
import { clientFor, emulator } from "./helpers.js";

async function failedRun(emu: Emulator, job: string | number, cause = "fail") {
  const client = clientFor(emu);
  const run = await client.triggerJobRun(emu.jobs.get(job).id, { cause });
  emu.clock.advanceSeconds(3600);
  return client.getRun(run.id, { includeRelated: ["run_steps"] });
}

function expectApiError(error: unknown, status: number, text: RegExp) {
  expect(error).toBeInstanceOf(DbtCloudApiError);
  const e = error as DbtCloudApiError;
  expect(e.status).toBe(status);
  expect(JSON.stringify(e)).toMatch(text);
}

describe("retry a run", () => {
  it("retries the latest failed run from the failed step with dbt retry over failed and skipped nodes", async () => {
    const emu = await emulator();
    const client = clientFor(emu);
    const failed = await failedRun(emu, "Model error");
    expect(failed.status).toBe(RunStatus.Error);
    expect(failed.can_retry).toBe(true);
    expect(failed.retry_not_supported_reason ?? null).toBeNull();

    emu.jobs.configure("Model error", { failNodes: [] });
    const retry = await client.retryRun(failed.id);
    expect(retry.id).not.toBe(failed.id);
    expect(retry.status).toBe(RunStatus.Queued);
    emu.clock.advanceSeconds(3600);
    const done = await client.getRun(retry.id, { includeRelated: ["run_steps", "trigger"] });
    expect(done.status).toBe(RunStatus.Success);
    expect(done.retrying_run_id).toBe(failed.id);
    expect(done.trigger?.cause_category).toBe("rerun");
    expect(done.run_steps?.map((s) => s.name).slice(3)).toEqual([
      "Invoke dbt with `dbt retry`",
      "Invoke dbt with `dbt test`",
    ]);
    const results = (await client.getRunArtifact(retry.id, "run_results.json", { step: 4 })) as {
      results: Array<{ unique_id: string; status: string }>;
    };
    const failedResults = (await client.getRunArtifact(failed.id, "run_results.json")) as typeof results;
    const rerunIds = failedResults.results.filter((r) => r.status !== "success").map((r) => r.unique_id);
    expect(results.results.map((r) => r.unique_id).sort()).toEqual(rerunIds.sort());
    expect(results.results.every((r) => r.status === "success")).toBe(true);
    // The original is no longer the job's latest run.
    const original = await client.getRun(failed.id);
    expect(original.can_retry).toBe(false);
    expect(original.retry_not_supported_reason).toBe("RETRY_NOT_LATEST_RUN");
  });

  it("refuses a successful run with 400 and RETRY_NOT_FAILED_RUN", async () => {
    const emu = await emulator();
    const client = clientFor(emu);
    const run = await client.triggerJobRun(emu.jobs.get("Daily build").id, { cause: "ok" });
    emu.clock.advanceSeconds(3600);
    const done = await client.getRun(run.id);
    expect(done.can_retry).toBe(false);
    expect(done.retry_not_supported_reason).toBe("RETRY_NOT_FAILED_RUN");
    const error = await client.retryRun(run.id).catch((e: unknown) => e);
    expectApiError(error, 400, /RETRY_NOT_FAILED_RUN/);
  });

  it("refuses a run that is not the job's latest", async () => {
    const emu = await emulator();
    const client = clientFor(emu);
    const failed = await failedRun(emu, "Failing tests");
    await client.triggerJobRun(emu.jobs.get("Failing tests").id, { cause: "newer" });
    const error = await client.retryRun(failed.id).catch((e: unknown) => e);
    expectApiError(error, 400, /RETRY_NOT_LATEST_RUN/);
  });

  it("reports RETRY_UNSUPPORTED_VERSION below dbt 1.6", async () => {
    const emu = await emulator();
    const client = clientFor(emu);
    const run = await client.triggerJobRun(emu.jobs.get("Failing tests").id, {
      cause: "old",
      dbtVersionOverride: "1.5.0-latest",
    });
    emu.clock.advanceSeconds(3600);
    const done = await client.getRun(run.id);
    expect(done.status).toBe(RunStatus.Error);
    expect(done.retry_not_supported_reason).toBe("RETRY_UNSUPPORTED_VERSION");
  });

  it("reports RETRY_NO_RUN_RESULTS when a setup step failed", async () => {
    const emu = await emulator();
    emu.jobs.configure("Daily build", { failAtStep: "deps" });
    const done = await failedRun(emu, "Daily build");
    expect(done.status).toBe(RunStatus.Error);
    expect(done.run_steps?.at(-1)?.name).toBe("Invoke dbt with `dbt deps`");
    expect(done.retry_not_supported_reason).toBe("RETRY_NO_RUN_RESULTS");
    expect(await clientFor(emu).listRunArtifacts(done.id)).toEqual([]);
  });

  it("reports RETRY_UNSUPPORTED_CMD when the failed command cannot be retried (docs generate)", async () => {
    const emu = await emulator();
    const client = clientFor(emu);
    emu.jobs.configure("Daily build", { failNodes: ["customers"] });
    const run = await client.triggerJobRun(emu.jobs.get("Daily build").id, {
      cause: "docs only",
      stepsOverride: ["dbt docs generate"],
    });
    emu.clock.advanceSeconds(3600);
    const done = await client.getRun(run.id);
    expect(done.status).toBe(RunStatus.Error);
    expect(done.retry_not_supported_reason).toBe("RETRY_UNSUPPORTED_CMD");
  });

  it("honours a configured retryNotSupportedReason", async () => {
    const emu = await emulator();
    emu.jobs.configure("Failing tests", { retryNotSupportedReason: "RETRY_UNSUPPORTED_VERSION" });
    const done = await failedRun(emu, "Failing tests");
    expect(done.can_retry).toBe(false);
    expect(done.retry_not_supported_reason).toBe("RETRY_UNSUPPORTED_VERSION");
  });
});

describe("rerun a job", () => {
  it("retries the latest run when it failed and can be retried", async () => {
    const emu = await emulator();
    const client = clientFor(emu);
    const failed = await failedRun(emu, "Failing tests");
    const rerun = await client.rerunJob(emu.jobs.get("Failing tests").id);
    const detail = await client.getRun(rerun.id, { includeRelated: ["trigger"] });
    expect(detail.retrying_run_id).toBe(failed.id);
    emu.clock.advanceSeconds(3600);
    const steps = (await client.getRun(rerun.id, { includeRelated: ["run_steps"] })).run_steps ?? [];
    expect(steps.map((s) => s.name)).toContain("Invoke dbt with `dbt retry`");
  });

  it("starts a full new run when the latest run did not fail", async () => {
    const emu = await emulator();
    const client = clientFor(emu);
    const job = emu.jobs.get("Daily build");
    const ok = await client.triggerJobRun(job.id, { cause: "ok" });
    emu.clock.advanceSeconds(3600);
    const rerun = await client.rerunJob(job.id);
    expect(rerun.id).toBeGreaterThan(ok.id);
    expect(rerun.retrying_run_id ?? null).toBeNull();
    emu.clock.advanceSeconds(3600);
    const steps = (await client.getRun(rerun.id, { includeRelated: ["run_steps"] })).run_steps ?? [];
    expect(steps.map((s) => s.name)).toContain("Invoke dbt with `dbt build`");
  });
});
