import { existsSync } from "node:fs";
import { join } from "node:path";
import type { Emulator } from "@dbt-cloud-kit/emulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { emulator, emulatorEnv, FAST, JOBS, runCli, waitForOutput } from "../support/cli-process.js";
import { errorSchema, runReportSchema, statusSchema } from "../support/json-schemas.js";

let emu: Emulator;
let env: Record<string, string>;

beforeAll(async () => {
  emu = await emulator();
  env = emulatorEnv(emu);
});
afterAll(() => emu.close());

/** The token must never reach any output. */
function expectNoToken(...texts: string[]): void {
  for (const text of texts) expect(text).not.toContain(emu.token);
}

describe("run", () => {
  it("succeeds: exit 0, artifacts downloaded, results in --json", async () => {
    const r = await runCli(["run", "--job-id", String(JOBS.daily), ...FAST, "--json"], { env });
    expect(r.code, r.stderr).toBe(0);
    const report = runReportSchema.parse(JSON.parse(r.stdout));
    expect(report).toMatchObject({
      jobId: JOBS.daily,
      jobName: "Daily build",
      how: "triggered",
      status: "success",
      statusCode: 10,
    });
    expect(report.artifacts?.files["run_results.json"]).toBe(join("dbt-cloud-artifacts", "run_results.json"));
    expect(existsSync(join(r.cwd, "dbt-cloud-artifacts", "manifest.json"))).toBe(true);
    expect(report.results?.model).toBeDefined();
    expect(report.failedNodes).toEqual([]);
    // --json: stdout is one JSON document; the human lines went to stderr.
    expect(r.stderr).toContain("Run 7");
    expectNoToken(r.stdout, r.stderr);
    const run = emu.runs.list({ jobId: JOBS.daily }).at(-1);
    expect(run?.cause).toMatch(/^dbt-cloud-kit CLI \(/);
  });

  it("fails: exit 1, the failed step's logs on stderr and the failed nodes in the result", async () => {
    const r = await runCli(["run", "--job-name", "Failing tests", ...FAST, "--out", "out"], { env });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("Logs of failed step 4: Invoke dbt with `dbt build`");
    expect(r.stderr).toContain("FAIL test");
    expect(r.stdout).toMatch(/^✖ Run \d+ failed at step 4\./m);
    expect(r.stdout).toContain("Failed nodes (2): ");
    expect(existsSync(join(r.cwd, "out", "run_results.json"))).toBe(true);
    expectNoToken(r.stdout, r.stderr);
  });

  it("--no-fail-on-error exits 0 for a failed run", async () => {
    const r = await runCli(
      [
        "run",
        "--job-id",
        String(JOBS.failingTests),
        ...FAST,
        "--no-fail-on-error",
        "--no-artifacts",
        "--json",
      ],
      { env },
    );
    expect(r.code).toBe(0);
    expect(runReportSchema.parse(JSON.parse(r.stdout)).status).toBe("error");
  });

  it("--no-wait returns once the run exists, with the trigger overrides sent", async () => {
    const r = await runCli(
      [
        "run",
        "--job-id",
        String(JOBS.daily),
        "--no-wait",
        "--json",
        "--cause",
        "nightly from cron",
        "--steps-override",
        "dbt seed",
        "--steps-override",
        "dbt build -s tag:daily",
        "--threads-override",
        "8",
        "--schema-override",
        "dbt_ci_42",
      ],
      { env },
    );
    expect(r.code, r.stderr).toBe(0);
    const report = runReportSchema.parse(JSON.parse(r.stdout));
    expect(["queued", "starting", "running"]).toContain(report.status);
    expect(report.artifacts).toBeNull();
    const trigger = emu.requests.list({ operation: "triggerJobRun" }).at(-1);
    expect(trigger?.body).toMatchObject({
      cause: "nightly from cron",
      steps_override: ["dbt seed", "dbt build -s tag:daily"],
      threads_override: 8,
      schema_override: "dbt_ci_42",
    });
  });

  it("a job whose run outlasts --timeout: exit 3 and the run is cancelled", async () => {
    emu.jobs.configure(JOBS.noArtifacts, { runSeconds: 100_000 });
    const r = await runCli(
      ["run", "--job-id", String(JOBS.noArtifacts), ...FAST, "--timeout", "1", "--json"],
      { env },
    );
    expect(r.code).toBe(3);
    const report = runReportSchema.parse(JSON.parse(r.stdout));
    expect(report).toMatchObject({ status: "timeout", cancelled: true });
    expect(emu.runs.list().find((x) => x.id === report.runId)?.status).toBe(30);
  });

  it("--no-cancel-on-timeout leaves the run going", async () => {
    const r = await runCli(
      [
        "run",
        "--job-id",
        String(JOBS.noArtifacts),
        ...FAST,
        "--timeout",
        "0.5",
        "--no-cancel-on-timeout",
        "--if-running",
        "cancel",
      ],
      { env },
    );
    expect(r.code).toBe(3);
    expect(r.stdout).toContain("--no-cancel-on-timeout");
    const id = Number(/Run (\d+)/.exec(r.stdout)?.[1]);
    expect(emu.runs.list().find((x) => x.id === id)?.status).toBe(3);
  });

  it("a queued run shows its queue position and the run it waits behind", async () => {
    emu.jobs.configure(JOBS.modelError, { runSeconds: 200 });
    const first = await runCli(["run", "--job-id", String(JOBS.modelError), "--no-wait", "--json"], { env });
    const firstId = runReportSchema.parse(JSON.parse(first.stdout)).runId;
    const second = await runCli(
      ["run", "--job-id", String(JOBS.modelError), ...FAST, "--no-artifacts", "--no-fail-on-error"],
      { env },
    );
    expect(second.stderr).toMatch(
      new RegExp(`Run \\d+: Queued — queue position 2, waiting behind run ${firstId}$`, "m"),
    );
    emu.jobs.configure(JOBS.modelError, { runSeconds: 5 });
  });

  it("--if-running reuse attaches to the in-flight run of the same commit instead of triggering", async () => {
    const inFlight = emu.runs.list({ jobId: JOBS.noArtifacts }).find((r) => r.status < 10);
    const status = statusSchema.parse(
      JSON.parse((await runCli(["status", String(inFlight?.id), "--json"], { env })).stdout),
    );
    const before = emu.requests.count({ operation: "triggerJobRun" });
    const args = [
      "run",
      "--job-id",
      String(JOBS.noArtifacts),
      "--if-running",
      "reuse",
      "--no-wait",
      "--json",
    ];
    const r = await runCli([...args, "--git-sha", String(status.gitSha).slice(0, 12)], { env });
    expect(r.code, r.stderr).toBe(0);
    expect(runReportSchema.parse(JSON.parse(r.stdout))).toMatchObject({ how: "reused", runId: inFlight?.id });
    expect(emu.requests.count({ operation: "triggerJobRun" })).toBe(before);
    // Without a commit to match, reuse behaves as queue (as in the action) and says so.
    const noSha = await runCli(args, { env });
    expect(runReportSchema.parse(JSON.parse(noSha.stdout)).how).toBe("triggered");
    expect(noSha.stderr).toContain("no commit is known");
  });

  it("SIGINT while waiting cancels the run and exits 130", async () => {
    let runId = 0;
    const r = await runCli(["run", "--job-id", String(JOBS.noArtifacts), ...FAST, "--if-running", "cancel"], {
      env,
      onSpawn: (child, output) => {
        waitForOutput(output, (o) => /Run \d+: Running/.test(o.stderr)).then(() => {
          runId = Number(/Run (\d+) is/.exec(output().stderr)?.[1]);
          child.kill("SIGINT");
        });
      },
    });
    expect(r.code).toBe(130);
    expect(r.stderr).toContain(`Cancelled run ${runId}.`);
    expect(emu.runs.list().find((x) => x.id === runId)?.status).toBe(30);
  });

  it("SIGTERM (a CI system cancelling the job) cancels the run too, exit 143", async () => {
    const r = await runCli(
      ["run", "--job-id", String(JOBS.noArtifacts), ...FAST, "--if-running", "cancel", "--json"],
      {
        env,
        onSpawn: (child, output) => {
          waitForOutput(output, (o) => /Run \d+: Running/.test(o.stderr)).then(() => child.kill("SIGTERM"));
        },
      },
    );
    expect(r.code).toBe(143);
    const report = runReportSchema.parse(JSON.parse(r.stdout));
    expect(report).toMatchObject({ status: "cancelled", cancelled: true });
    expect(emu.runs.list().find((x) => x.id === report.runId)?.status).toBe(30);
  });

  it("SIGINT with --no-cancel-on-abort leaves the run going", async () => {
    const r = await runCli(
      [
        "run",
        "--job-id",
        String(JOBS.noArtifacts),
        ...FAST,
        "--if-running",
        "cancel",
        "--no-cancel-on-abort",
        "--json",
      ],
      {
        env,
        onSpawn: (child, output) => {
          waitForOutput(output, (o) => /Run \d+: Running/.test(o.stderr)).then(() => child.kill("SIGINT"));
        },
      },
    );
    expect(r.code).toBe(130);
    const report = runReportSchema.parse(JSON.parse(r.stdout));
    expect(report.cancelled).toBe(false);
    expect(emu.runs.list().find((x) => x.id === report.runId)?.status).toBe(3);
    emu.jobs.configure(JOBS.noArtifacts, { runSeconds: 5 });
  });
});

describe("usage errors: exit 2, nothing sent", () => {
  it("reports every bad option at once, naming each flag and its fix", async () => {
    const before = emu.requests.count();
    const r = await runCli(
      [
        "run",
        "--job-id",
        "abc",
        "--poll-interval",
        "0",
        "--timeout",
        "0.0001",
        "--if-running",
        "later",
        "--artifacts",
        "../x",
      ],
      { env },
    );
    expect(r.code).toBe(2);
    for (const flag of ["--job-id", "--poll-interval", "--timeout", "--if-running", "--artifacts"])
      expect(r.stderr).toContain(`${flag}:`);
    expect(r.stderr).toContain("Fix:");
    expect(emu.requests.count()).toBe(before);
  });

  it("refuses a token on the command line without echoing it", async () => {
    for (const args of [["--token", "dbtc_secret_value"], ["--api-token=dbtc_secret_value"]]) {
      const r = await runCli(["run", "--job-id", "1", ...args], { env });
      expect(r.code).toBe(2);
      expect(r.stderr).toContain("shell history");
      expect(r.stderr + r.stdout).not.toContain("dbtc_secret_value");
    }
  });

  it("suggests the closest command and flag", async () => {
    const cmd = await runCli(["rnu"]);
    expect(cmd.code).toBe(2);
    expect(cmd.stderr).toContain("Did you mean run?");
    const flag = await runCli(["run", "--job-idd", "5"]);
    expect(flag.code).toBe(2);
    expect(flag.stderr).toContain("Did you mean --job-id?");
  });

  it("missing credentials name the variables to set", async () => {
    const r = await runCli(["run", "--job-id", "1", "--json"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("DBT_CLOUD_API_TOKEN");
    expect(r.stderr).toContain("--account-id");
    expect(errorSchema.parse(JSON.parse(r.stdout)).error.kind).toBe("usage");
  });

  it("--job-id and --job-name together", async () => {
    const r = await runCli(["run", "--job-id", "1", "--job-name", "x"], { env });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--job-id: is given together with --job-name");
  });
});

describe("job selection errors", () => {
  it("a --job-name no job has is a usage error (exit 2) naming the flag and the fix", async () => {
    const r = await runCli(["run", "--job-name", "No such job", "--json"], { env });
    expect(r.code, r.stderr).toBe(2);
    const error = errorSchema.parse(JSON.parse(r.stdout)).error;
    expect(error.kind).toBe("usage");
    expect(error.message).toMatch(/^--job-name: .*No such job.*\. Fix: use the job's exact name/);
  });

  it("a --job-id dbt Cloud does not know is an API error (exit 4) saying what to check", async () => {
    const r = await runCli(["run", "--job-id", "987654", "--json"], { env });
    expect(r.code, r.stderr).toBe(4);
    const error = errorSchema.parse(JSON.parse(r.stdout)).error;
    expect(error.type).toBe("JobSelectionError");
    expect(error.message).toContain("Job 987654 was not found in this dbt Cloud account. Check --job-id");
  });
});

describe("credentials", () => {
  it("reads the token from --token-file - (stdin) and from a file", async () => {
    const { DBT_CLOUD_API_TOKEN: token, ...rest } = env;
    const viaStdin = await runCli(["run", "--job-id", String(JOBS.daily), "--no-wait", "--token-file", "-"], {
      env: rest,
      stdin: `${token}\n`,
    });
    expect(viaStdin.code, viaStdin.stderr).toBe(0);
    expectNoToken(viaStdin.stdout, viaStdin.stderr);
    const missing = await runCli(["projects", "--token-file", "/nonexistent/token"], { env: rest });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("--token-file: cannot read");
  });

  it("a wrong token is an authentication error: exit 4, never echoed", async () => {
    const r = await runCli(["run", "--job-id", String(JOBS.daily), "--json"], {
      env: { ...env, DBT_CLOUD_API_TOKEN: "dbtc_wrong_token_123" },
    });
    expect(r.code).toBe(4);
    expect(r.stderr).toContain("DBT_CLOUD_API_TOKEN or --token-file");
    expect(errorSchema.parse(JSON.parse(r.stdout)).error).toMatchObject({ exitCode: 4, kind: "api" });
    expect(r.stdout + r.stderr).not.toContain("dbtc_wrong_token_123");
  });

  it("an unreachable access URL is exit 4 with a hint", async () => {
    const r = await runCli(["status", "1", "--request-timeout", "2"], {
      env: { ...env, DBT_CLOUD_ACCESS_URL: "http://127.0.0.1:9" },
    });
    expect(r.code).toBe(4);
    expect(r.stderr).toContain("could not be reached");
  });
});

describe("behind a proxy", () => {
  it("loads the real undici (app-kit's lazy stand-in) and still reaches loopback directly (NO_PROXY)", async () => {
    // Port 9 (discard) has no proxy listening: a proxied request would fail.
    const proxy = "http://127.0.0.1:9";
    const r = await runCli(["run", "--job-id", String(JOBS.daily), ...FAST, "--json"], {
      env: { ...env, HTTPS_PROXY: proxy, HTTP_PROXY: proxy },
    });
    expect(r.code, r.stderr).toBe(0);
    expect(runReportSchema.parse(JSON.parse(r.stdout)).status).toBe("success");
  });
});

describe("--verbose keeps the token out too", () => {
  it("debug lines never carry the token", async () => {
    const r = await runCli(["run", "--job-id", String(JOBS.daily), ...FAST, "--verbose", "--no-artifacts"], {
      env,
    });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain("debug:");
    expectNoToken(r.stdout, r.stderr);
  });
});
