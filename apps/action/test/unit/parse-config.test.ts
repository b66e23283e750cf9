import { describe, expect, it } from "vitest";
import { renamedInputProblems } from "../../src/config/renamed-input-problems.js";
import type { GithubContext } from "../../src/github/github-context.js";
import { base, env, parse, prContext, problems, push, TOKEN } from "./config-helpers.js";

describe("parseConfig", () => {
  it("applies the action.yml defaults when inputs are absent", () => {
    const config = parse(base);
    expect(config.credentials.accountId).toBe(12);
    expect(config.credentials.accessUrl).toBe("https://cloud.getdbt.com");
    expect(config.job).toEqual({ kind: "id", jobId: 34 });
    expect(config).toMatchObject({
      wait: true,
      pollIntervalMs: 10_000,
      timeoutMs: 0,
      cancelOnTimeout: true,
      cancelOnAbort: true,
      failOnError: true,
      ifRunning: "queue",
      retryFailed: false,
      artifacts: ["run_results.json", "manifest.json"],
      artifactsDir: "dbt-cloud-artifacts",
      artifactsStep: "auto",
      jobSummary: true,
      annotations: true,
      prComment: false,
      requestTimeoutMs: 30_000,
      ci: false,
      overrides: {},
    });
  });

  it("parses every override and fractional seconds", () => {
    const config = parse({
      ...base,
      "git-sha": "abcdef1",
      "git-branch": "main",
      "pull-request-id": "7",
      "schema-override": "s",
      "dbt-version-override": "latest",
      "threads-override": "8",
      "target-name-override": "ci",
      "generate-docs-override": "False",
      "timeout-seconds-override": "0",
      "steps-override": "dbt seed\n\n  dbt build -s tag:x  \n",
      "poll-interval": "0.25",
      timeout: "90",
      "if-running": "Reuse",
      artifacts: "run_results.json, catalog.json\nmanifest.json",
      "artifacts-step": "3",
      "request-timeout": "1.5",
    });
    expect(config.overrides).toEqual({
      gitSha: "abcdef1",
      gitBranch: "main",
      pullRequestId: 7,
      schemaOverride: "s",
      dbtVersionOverride: "latest",
      threadsOverride: 8,
      targetNameOverride: "ci",
      generateDocsOverride: false,
      timeoutSecondsOverride: 0,
      stepsOverride: ["dbt seed", "dbt build -s tag:x"],
    });
    expect(config.pollIntervalMs).toBe(250);
    expect(config.timeoutMs).toBe(90_000);
    expect(config.ifRunning).toBe("reuse");
    expect(config.artifacts).toEqual(["run_results.json", "catalog.json", "manifest.json"]);
    expect(config.artifactsStep).toBe(3);
    expect(config.requestTimeoutMs).toBe(1500);
  });

  it("requires only the artifacts named explicitly", () => {
    expect(parse(base).requiredArtifacts).toEqual([]);
    expect(parse({ ...base, artifacts: "manifest.json, run_results.json" }).requiredArtifacts).toEqual([]);
    expect(parse({ ...base, artifacts: "catalog.json" }).requiredArtifacts).toEqual(["catalog.json"]);
  });

  it("treats an explicitly empty artifacts input as none", () => {
    expect(parse({ ...base, artifacts: "" }).artifacts).toEqual([]);
  });

  it("falls back to DBT_CLOUD_* variables for empty credentials and job id", () => {
    const config = parse({ "api-token": "", "access-url": "https://cloud.getdbt.com" }, push, {
      DBT_CLOUD_API_TOKEN: TOKEN,
      DBT_CLOUD_ACCOUNT_ID: "99",
      DBT_CLOUD_ACCESS_URL: "ab123.us1.dbt.com/",
      DBT_CLOUD_JOB_ID: "5",
    });
    expect(config.credentials.token).toBe(TOKEN);
    expect(config.credentials.accountId).toBe(99);
    expect(config.credentials.accessUrl).toBe("https://ab123.us1.dbt.com");
    expect(config.job).toEqual({ kind: "id", jobId: 5 });
  });

  it("does not let DBT_CLOUD_JOB_ID contradict an explicit job-name", () => {
    const config = parse({ ...base, "job-id": "", "job-name": "Nightly", "project-id": "3" }, push, {
      DBT_CLOUD_JOB_ID: "5",
    });
    expect(config.job).toEqual({ kind: "name", name: "Nightly", projectId: 3 });
  });

  it("accepts bare hosts and trailing slashes, and http only on loopback", () => {
    expect(parse({ ...base, "access-url": "emea.dbt.com/" }).credentials.accessUrl).toBe(
      "https://emea.dbt.com",
    );
    expect(parse({ ...base, "access-url": "http://127.0.0.1:4010/" }).credentials.accessUrl).toBe(
      "http://127.0.0.1:4010",
    );
    const [p] = problems({ ...base, "access-url": "http://example.com" });
    expect(p?.input).toBe("access-url");
    expect(p?.fix).toMatch(/access URL/i);
  });

  it.each([
    ["account-id", "abc", /not a positive integer/],
    ["job-id", "-1", /not a positive integer/],
    ["wait", "yes", /not a boolean/],
    ["ci", "1", /not a boolean/],
    ["poll-interval", "0", /positive number of seconds/],
    ["poll-interval", "10s", /positive number of seconds/],
    ["timeout", "-5", /zero or a positive number/],
    ["request-timeout", "abc", /positive number/],
    ["if-running", "skip", /queue, reuse, cancel/],
    ["artifacts-step", "last", /neither auto nor a step number/],
    ["threads-override", "2.5", /not a positive integer/],
    ["git-sha", "not-a-sha", /not a commit sha/],
    ["steps-override", "dbt build\nrm -rf /", /not a dbt command/],
    ["artifacts", "run_results.json\n../../etc/passwd", /not a path inside dbt's target/],
    ["artifacts", "/abs/manifest.json", /not a path inside dbt's target/],
  ])("names %s when it is %j", (input, value, message) => {
    const found = problems({ ...base, [input]: value });
    const problem = found.find((p) => p.input === input);
    expect(problem?.problem).toMatch(message);
    expect(problem?.fix.length).toBeGreaterThan(5);
  });

  it("reports every bad input at once", () => {
    const found = problems({ ...base, wait: "nope", timeout: "x", "if-running": "y" });
    expect(found.map((p) => p.input).sort()).toEqual(["if-running", "timeout", "wait"]);
  });

  it("requires a token and an account id, and explains empty tokens on fork pull requests", () => {
    const found = problems({ "job-id": "1" });
    expect(found.map((p) => p.input).sort()).toEqual(["account-id", "api-token"]);
    const fork: GithubContext = {
      ...prContext,
      pullRequest: {
        ...prContext.pullRequest!,
        isFork: true,
        headRepo: "someone/fork",
        baseRepo: "org/repo",
      },
    };
    const [p] = problems({ "account-id": "1", "job-id": "1" }, fork);
    expect(p?.problem).toMatch(/fork/);
    expect(p?.problem).toMatch(/secrets/);
  });

  it("rejects job-id with job-name, and neither", () => {
    expect(problems({ ...base, "job-name": "x" })[0]?.input).toBe("job-id");
    expect(problems({ "api-token": TOKEN, "account-id": "1" })[0]?.problem).toMatch(/job-name/);
    expect(problems({ ...base, "project-id": "4" })[0]?.input).toBe("project-id");
  });

  it("explains ci: true outside pull request events", () => {
    const [p] = problems({ ...base, ci: "true" });
    expect(p?.input).toBe("ci");
    expect(p?.problem).toMatch(/push event/);
    const [q] = problems({ ...base, ci: "true", "pull-request-id": "3" });
    expect(q?.input).toBe("git-sha");
    expect(parse({ ...base, ci: "true", "pull-request-id": "3", "git-sha": "abcdef0" }).ci).toBe(true);
  });

  it("rejects a pull-request-id that contradicts the event in ci mode", () => {
    const [p] = problems({ ...base, ci: "true", "pull-request-id": "41" }, prContext);
    expect(p?.input).toBe("pull-request-id");
    expect(p?.problem).toMatch(/#42/);
  });

  it("rejects pr-comment without a pull request", () => {
    expect(problems({ ...base, "pr-comment": "true" })[0]?.input).toBe("pr-comment");
  });

  it("never puts the token in an error", () => {
    for (const inputs of [
      { ...base, "account-id": "x" },
      { ...base, "api-token": `${TOKEN} extra` },
      { ...base, "access-url": "ftp://x" },
    ]) {
      try {
        parse(inputs);
      } catch (error) {
        expect(String((error as Error).message)).not.toContain(TOKEN);
        continue;
      }
      throw new Error("expected a rejection");
    }
  });
});

describe("renamedInputProblems", () => {
  it("names the replacement of dbt-cloud-job-action's inputs", () => {
    const found = renamedInputProblems(env({ dbt_cloud_token: "x", interval: "30", "job-id": "1" }));
    expect(found).toEqual([
      expect.objectContaining({ input: "dbt_cloud_token", fix: "rename it to api-token" }),
      expect.objectContaining({ input: "interval", fix: "rename it to poll-interval" }),
    ]);
    expect(renamedInputProblems(env(base))).toEqual([]);
  });
});
