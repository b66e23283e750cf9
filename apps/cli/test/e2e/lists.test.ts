import type { Emulator } from "@dbt-cloud-kit/emulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { emulator, emulatorEnv, JOBS, runCli } from "../support/cli-process.js";
import { environmentsSchema, jobsSchema, projectsSchema, runsSchema } from "../support/json-schemas.js";

let emu: Emulator;
let env: Record<string, string>;

beforeAll(async () => {
  emu = await emulator();
  env = emulatorEnv(emu);
  for (const job of [JOBS.daily, JOBS.ci])
    await runCli(["run", "--job-id", String(job), "--no-wait"], { env });
});
afterAll(() => emu.close());

describe("jobs, runs, projects, environments", () => {
  it("jobs: --json, scoped by --project-id / DBT_CLOUD_ENVIRONMENT_ID", async () => {
    const all = jobsSchema.parse(JSON.parse((await runCli(["jobs", "--json"], { env })).stdout));
    expect(all.map((j) => j.id)).toEqual(expect.arrayContaining([1001, 1002, 1003, 1004, 1005, 1006, 1007]));
    const ci = jobsSchema.parse(
      JSON.parse(
        (await runCli(["jobs", "--json"], { env: { ...env, DBT_CLOUD_ENVIRONMENT_ID: "102" } })).stdout,
      ),
    );
    expect(ci.map((j) => j.id)).toEqual([1003]);
    const named = jobsSchema.parse(
      JSON.parse((await runCli(["jobs", "--name", "daily", "--json"], { env })).stdout),
    );
    expect(named.map((j) => j.name)).toEqual(["Daily build"]);
  });

  it("jobs: tab-separated lines when stdout is not a terminal", async () => {
    const r = await runCli(["jobs", "--project-id", "11"], { env });
    expect(r.code).toBe(0);
    expect(r.stdout.split("\n")).toContain("1001\t11\t101\tscheduled\tDaily build");
  });

  it("runs: newest first, filtered by job and status, limited", async () => {
    const runs = runsSchema.parse(
      JSON.parse((await runCli(["runs", "--json", "--limit", "1"], { env })).stdout),
    );
    expect(runs).toHaveLength(1);
    const daily = runsSchema.parse(
      JSON.parse((await runCli(["runs", "--job-id", "1001", "--json"], { env })).stdout),
    );
    expect(daily.every((r) => r.jobId === 1001)).toBe(true);
    const bad = await runCli(["runs", "--status", "failed"], { env });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("Allowed choices are queued, starting, running, success, error, cancelled");
  });

  it("projects and environments", async () => {
    const projects = projectsSchema.parse(JSON.parse((await runCli(["projects", "--json"], { env })).stdout));
    expect(projects.map((p) => p.id)).toEqual([11]);
    const environments = environmentsSchema.parse(
      JSON.parse((await runCli(["environments", "--json"], { env })).stdout),
    );
    expect(environments.map((e) => e.id)).toEqual([101, 102, 103]);
    const scoped = await runCli(["environments", "--project-id", "11"], { env });
    expect(scoped.stdout.split("\n").filter(Boolean)).toHaveLength(3);
  });
});
