import { existsSync, mkdtempSync, readdirSync, readFileSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Emulator } from "@dbt-cloud-kit/emulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { emulator, emulatorEnv, FAST, JOBS, runCli } from "../support/cli-process.js";
import {
  artifactListSchema,
  artifactsSchema,
  cancelSchema,
  logsSchema,
  runReportSchema,
  statusSchema,
  summarySchema,
} from "../support/json-schemas.js";

let emu: Emulator;
let env: Record<string, string>;
let failedRun: number;
let okRun: number;

beforeAll(async () => {
  emu = await emulator();
  env = emulatorEnv(emu);
  const failed = await runCli(
    ["run", "--job-id", String(JOBS.failingTests), ...FAST, "--no-artifacts", "--json"],
    { env },
  );
  failedRun = runReportSchema.parse(JSON.parse(failed.stdout)).runId;
  const ok = await runCli(["run", "--job-id", String(JOBS.docs), ...FAST, "--no-artifacts", "--json"], {
    env,
  });
  okRun = runReportSchema.parse(JSON.parse(ok.stdout)).runId;
});
afterAll(() => emu.close());

describe("status", () => {
  it("exit 0 for a successful run, with steps and times", async () => {
    const r = await runCli(["status", String(okRun), "--json"], { env });
    expect(r.code).toBe(0);
    const s = statusSchema.parse(JSON.parse(r.stdout));
    expect(s).toMatchObject({
      runId: okRun,
      status: "success",
      statusCode: 10,
      jobId: JOBS.docs,
      currentStep: null,
    });
    expect(s.steps.length).toBeGreaterThan(3);
  });

  it("exit 1 for a failed run; human output names the status", async () => {
    const r = await runCli(["status", String(failedRun)], { env });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(new RegExp(`^Run ${failedRun}: Error`));
    expect(r.stdout).toContain("Duration:");
  });

  it("a run that does not exist: exit 4", async () => {
    const r = await runCli(["status", "999"], { env });
    expect(r.code).toBe(4);
  });

  it("a bad run id: exit 2", async () => {
    const r = await runCli(["status", "12x"], { env });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("<run-id>:");
  });
});

describe("logs", () => {
  it("--failed prints only the failed step", async () => {
    const r = await runCli(["logs", String(failedRun), "--failed"], { env });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^=== Step 4 \(Error\): Invoke dbt with `dbt build`$/m);
    expect(r.stdout).toContain("Completed with 2 errors");
    expect(r.stdout).not.toContain("=== Step 1");
  });

  it("every step by default, one step with --step, JSON with --json", async () => {
    const all = await runCli(["logs", String(okRun)], { env });
    expect(all.stdout).toContain("=== Step 1");
    expect(all.stdout).toContain("docs generate");
    const one = await runCli(["logs", String(okRun), "--step", "2", "--json"], { env });
    const parsed = logsSchema.parse(JSON.parse(one.stdout));
    expect(parsed.steps.map((s) => s.index)).toEqual([2]);
    const none = await runCli(["logs", String(okRun), "--step", "42"], { env });
    expect(none.code).toBe(2);
    expect(none.stderr).toContain("has no step 42");
  });
});

describe("artifacts", () => {
  it("downloads run_results.json and manifest.json from the build step by default", async () => {
    const r = await runCli(["artifacts", String(okRun), "--out", "target", "--json"], { env });
    expect(r.code, r.stderr).toBe(0);
    const a = artifactsSchema.parse(JSON.parse(r.stdout));
    // Job "Build and docs": step 4 builds, step 5 generates docs; run_results comes from the build.
    expect(a.step).toBe(4);
    expect(Object.keys(a.files).sort()).toEqual(["manifest.json", "run_results.json"]);
    const results = JSON.parse(readFileSync(join(r.cwd, "target", "run_results.json"), "utf8"));
    expect(results.args?.which ?? "build").toBe("build");
  });

  it("catalog.json from the docs step; a named path that is missing exits 4", async () => {
    const ok = await runCli(["artifacts", String(okRun), "catalog.json", "--out", "docs"], { env });
    expect(ok.code, ok.stderr).toBe(0);
    expect(existsSync(join(ok.cwd, "docs", "catalog.json"))).toBe(true);
    const missing = await runCli(["artifacts", String(failedRun), "catalog.json"], { env });
    expect(missing.code).toBe(4);
    expect(missing.stderr).toContain("was not produced");
  });

  it("never writes through a symbolic link that leads out of the working directory", async () => {
    const cwd = mkdtempSync(join(tmpdir(), "dbt-cli-cwd-"));
    const outside = mkdtempSync(join(tmpdir(), "dbt-cli-outside-"));
    symlinkSync(outside, join(cwd, "target"));
    const r = await runCli(["artifacts", String(okRun), "--out", "target", "--json"], { env, cwd });
    expect(r.code).toBe(4);
    expect(r.stderr).toContain("leads out of the workspace through a symbolic link");
    expect(readdirSync(outside)).toEqual([]);
  });

  it("--list lists, and a path outside target/ is refused before any request", async () => {
    const list = await runCli(["artifacts", String(okRun), "--list", "--json"], { env });
    expect(artifactListSchema.parse(JSON.parse(list.stdout)).artifacts).toContain("run_results.json");
    const bad = await runCli(["artifacts", String(okRun), "../../etc/passwd"], { env });
    expect(bad.code).toBe(2);
  });
});

describe("wait, retry, cancel", () => {
  it("wait follows an existing run to its end", async () => {
    const started = await runCli(["run", "--job-id", String(JOBS.daily), "--no-wait", "--json"], { env });
    const id = runReportSchema.parse(JSON.parse(started.stdout)).runId;
    const r = await runCli(["wait", String(id), ...FAST, "--no-artifacts", "--json"], { env });
    expect(r.code).toBe(0);
    expect(runReportSchema.parse(JSON.parse(r.stdout))).toMatchObject({
      runId: id,
      how: "attached",
      status: "success",
    });
  });

  it("retry retries the failed run from its failed step (exit 1 while the tests still fail)", async () => {
    const r = await runCli(["retry", String(failedRun), ...FAST, "--no-artifacts", "--json"], { env });
    expect(r.code).toBe(1);
    const report = runReportSchema.parse(JSON.parse(r.stdout));
    expect(report.how).toBe("retried");
    expect(report.runId).toBeGreaterThan(failedRun);
    expect(emu.requests.count({ operation: "retryRun" })).toBe(1);
    const notFailed = await runCli(["retry", String(okRun)], { env });
    expect(notFailed.code).toBe(2);
    expect(notFailed.stderr).toContain("only a failed run can be retried");
  });

  it("cancel cancels a run in flight and leaves a finished one alone", async () => {
    emu.jobs.configure(JOBS.parseOnly, { queuedSeconds: 10_000 });
    const started = await runCli(["run", "--job-id", String(JOBS.parseOnly), "--no-wait", "--json"], { env });
    const id = runReportSchema.parse(JSON.parse(started.stdout)).runId;
    const r = await runCli(["cancel", String(id), "--json"], { env });
    expect(r.code).toBe(0);
    expect(cancelSchema.parse(JSON.parse(r.stdout))).toMatchObject({
      cancelled: true,
      previousStatus: "queued",
      status: "cancelled",
    });
    const again = await runCli(["cancel", String(okRun)], { env });
    expect(again.code).toBe(0);
    expect(again.stdout).toContain("already ended");
  });
});

describe("summary", () => {
  it("prints the action's Markdown summary, with results from run_results.json", async () => {
    const r = await runCli(["summary", String(failedRun)], { env });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^## ❌ dbt Cloud \[run #\d+\]\(.*\) failed — \*\*Failing tests\*\*/);
    expect(r.stdout).toContain("### Failed and warned nodes");
    // app-kit escapes text from dbt Cloud for Markdown.
    expect(r.stdout).toContain("| Failed step | 4. Invoke dbt with \\`dbt build\\` |");
  });

  it("--out writes (or --append appends) the file, --json reports it", async () => {
    const first = await runCli(["summary", String(okRun), "--out", "summary.md"], { env });
    expect(first.code).toBe(0);
    const path = join(first.cwd, "summary.md");
    const once = readFileSync(path, "utf8");
    expect(once).toContain("succeeded");
    const second = await runCli(["summary", String(okRun), "--out", "summary.md", "--append", "--json"], {
      env,
      cwd: first.cwd,
    });
    expect(summarySchema.parse(JSON.parse(second.stdout)).out).toBe("summary.md");
    expect(readFileSync(path, "utf8")).toBe(once + once);
  });
});
