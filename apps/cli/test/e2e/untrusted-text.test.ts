import { readRunnerStream } from "@dbt-cloud-kit/app-kit/testing";
import type { Emulator } from "@dbt-cloud-kit/emulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { emulator, emulatorEnv, FAST, JOBS, runCli } from "../support/cli-process.js";
import { startHostileProxy } from "../support/hostile-proxy.js";
import { runReportSchema } from "../support/json-schemas.js";

let emu: Emulator;
let proxy: Awaited<ReturnType<typeof startHostileProxy>>;
let env: Record<string, string>;
let failedRun: number;

/** The only commands allowed: the printer's own stop-commands blocks (fresh 128-bit token) and their ends. */
function runnerCommandsBesidesOurBlocks(stream: string): string[] {
  const reading = readRunnerStream(stream);
  const tokens = new Set<string>();
  const unexpected: string[] = [];
  for (const c of reading.commands) {
    if (c.form === "::" && c.name === "stop-commands" && /^[0-9a-f]{32}$/.test(c.data)) tokens.add(c.data);
    else if (tokens.has(c.name)) tokens.delete(c.name);
    else unexpected.push(c.text);
  }
  expect(reading.stoppedAtEnd).toBe(false);
  return unexpected;
}

beforeAll(async () => {
  emu = await emulator();
  proxy = await startHostileProxy(emu.url);
  env = { ...emulatorEnv(emu), DBT_CLOUD_ACCESS_URL: proxy.url };
});
afterAll(async () => {
  await proxy.close();
  await emu.close();
});

describe("text from dbt Cloud under GitHub Actions (GITHUB_ACTIONS=true)", () => {
  const gha = () => ({ ...env, GITHUB_ACTIONS: "true" });

  it("run: failed-step logs, names and messages never start a workflow command", async () => {
    const r = await runCli(["run", "--job-id", String(JOBS.failingTests), ...FAST], { env: gha() });
    expect(r.code).toBe(1);
    failedRun = Number(/Run (\d+)/.exec(r.stdout)?.[1]);
    // The hostile text is there (inside blocks), and nothing outside our blocks is a command.
    expect(r.stderr).toContain("::error title=pwned::from dbt Cloud");
    expect(r.stderr).toContain("::stop-commands::");
    expect(runnerCommandsBesidesOurBlocks(r.stdout)).toEqual([]);
    expect(runnerCommandsBesidesOurBlocks(r.stderr)).toEqual([]);
    // Terminal escape sequences from dbt Cloud are gone.
    expect(r.stdout + r.stderr).not.toContain("\u001b");
  });

  it("logs, status, jobs, runs and summary too", async () => {
    for (const args of [
      ["logs", String(failedRun)],
      ["status", String(failedRun)],
      ["jobs"],
      ["runs"],
      ["summary", String(failedRun)],
      ["retry", String(failedRun), ...FAST, "--no-artifacts"],
    ]) {
      const r = await runCli(args, { env: gha() });
      expect(r.code, `${args.join(" ")}: ${r.stderr}`).toBeLessThanOrEqual(1);
      expect(runnerCommandsBesidesOurBlocks(r.stdout), args.join(" ")).toEqual([]);
      expect(runnerCommandsBesidesOurBlocks(r.stderr), args.join(" ")).toEqual([]);
    }
  });

  it("--json stays valid JSON with the legacy ##[ marker escaped", async () => {
    const r = await runCli(
      ["run", "--job-id", String(JOBS.failingTests), ...FAST, "--no-artifacts", "--json"],
      { env: gha() },
    );
    const report = runReportSchema.parse(JSON.parse(r.stdout));
    expect(report.statusMessage).toContain("##[error]legacy");
    expect(readRunnerStream(r.stdout).commands).toEqual([]);
  });
});

describe("outside GitHub Actions", () => {
  it("prints the text plainly but strips terminal escape sequences", async () => {
    const r = await runCli(["logs", String(failedRun), "--failed"], { env });
    expect(r.stdout).toContain("::error title=pwned::from dbt Cloud");
    expect(r.stdout).not.toContain("::stop-commands::0");
    expect(r.stdout).not.toContain("\u001b");
    // The window-title sequence goes whole; a lone carriage return cannot overwrite the line it is on.
    expect(r.stdout).not.toContain("evil title");
    expect(r.stdout).toContain("from dbt Cloud\n::add-mask::leak");
    expect(r.stdout).not.toMatch(/\r(?!\n)/);
  });
});
