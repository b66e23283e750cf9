import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Emulator } from "@dbt-cloud-kit/emulator";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { baseInputs, emulator, JOBS } from "./emulator-env.js";
import { type BundleRun, NODE24, runBundle } from "./run-bundle.js";

let emu: Emulator;
beforeEach(async () => {
  emu = await emulator();
});
afterEach(async () => {
  await emu.close();
});

/** Everything a user or a later step could see, minus the runner's own mask command. */
function visible(run: BundleRun): string {
  const stdout = run.stdout
    .split("\n")
    .filter((l) => !l.startsWith("::add-mask::"))
    .join("\n");
  return [stdout, run.stderr, JSON.stringify(run.outputs), run.summary].join("\n");
}

describe("inputs", () => {
  it("rejects bad inputs before sending any request, naming each input and the fix", async () => {
    const result = await runBundle({
      inputs: { ...baseInputs(emu, JOBS.daily), wait: "yes", "poll-interval": "-1", "if-running": "skip" },
    });
    expect(result.code).toBe(1);
    expect(emu.requests.count()).toBe(0);
    const error = result.stdout.split("\n").find((l) => l.startsWith("::error::")) ?? "";
    expect(error).toContain("input 'wait'");
    expect(error).toContain("input 'poll-interval'");
    expect(error).toContain("input 'if-running'");
    expect(error).toContain("Fix:");
    expect(result.stdout.indexOf("::add-mask::")).toBe(0);
    expect(result.outputs).toEqual({});
  });

  it("explains a missing job, ci on a push event, and a bad access URL without a request", async () => {
    for (const inputs of [
      { ...baseInputs(emu, JOBS.daily), "job-id": "" },
      { ...baseInputs(emu, JOBS.daily), ci: "true" },
      { ...baseInputs(emu, JOBS.daily), "access-url": "ftp://example.com" },
    ]) {
      const result = await runBundle({ inputs });
      expect(result.code).toBe(1);
      expect(result.stdout).toMatch(/::error::Invalid input\. input '(job-id|ci|access-url)'/);
    }
    expect(emu.requests.count()).toBe(0);
  });

  it("names the replacement of a dbt-cloud-job-action input", async () => {
    const result = await runBundle({
      inputs: { ...baseInputs(emu, JOBS.daily), dbt_cloud_token: "dbtc_legacy_secret" },
    });
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(
      /::error::Invalid input\. input 'dbt_cloud_token': .*Fix: rename it to api-token/,
    );
    expect(result.stdout).toContain("::add-mask::dbtc_legacy_secret");
    expect(emu.requests.count()).toBe(0);
  });

  it("falls back to DBT_CLOUD_* variables and finds a job by exact name", async () => {
    const result = await runBundle({
      inputs: { "job-name": "Daily build", wait: "false" },
      env: {
        DBT_CLOUD_API_TOKEN: emu.token,
        DBT_CLOUD_ACCOUNT_ID: String(emu.accountId),
        DBT_CLOUD_ACCESS_URL: emu.url,
      },
    });
    expect(result.code).toBe(0);
    expect(result.outputs["job-id"]).toBe(String(JOBS.daily));
  });

  it("says what to check when the token is rejected", async () => {
    const result = await runBundle({
      inputs: { ...baseInputs(emu, JOBS.daily), "api-token": "dbtc_wrong_token_123" },
    });
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/::error::.*401/);
    expect(emu.requests.count({ operation: "triggerJobRun" })).toBe(0);
  });
});

describe("the token", () => {
  it("never appears in stdout, stderr, outputs or the summary, even with debug logging", async () => {
    const runs = [
      await runBundle({ inputs: baseInputs(emu, JOBS.daily), env: { RUNNER_DEBUG: "1" } }),
      await runBundle({ inputs: baseInputs(emu, JOBS.failingTests), env: { RUNNER_DEBUG: "1" } }),
      await runBundle({ inputs: { ...baseInputs(emu, JOBS.daily), timeout: "x" } }),
      await runBundle({ inputs: { ...baseInputs(emu, JOBS.daily), "account-id": "999" } }),
    ];
    for (const run of runs) {
      expect(run.stdout).toContain(`::add-mask::${emu.token}`);
      expect(visible(run)).not.toContain(emu.token);
    }
    expect(runs[0]?.stdout).toContain("::debug::");
  });
});

describe("Node 24", () => {
  it("runs the same bundle (main and post) on node24", async () => {
    expect(existsSync(NODE24)).toBe(true);
    const result = await runBundle({ inputs: baseInputs(emu, JOBS.failingTests), node: NODE24 });
    expect(result.stderr).toBe("");
    expect(result.code).toBe(1);
    expect(result.outputs.status).toBe("error");
    expect(JSON.parse(result.outputs["failed-nodes"] ?? "[]").length).toBeGreaterThan(0);
    const post = await runBundle({
      entry: "post.js",
      node: NODE24,
      inputs: baseInputs(emu, JOBS.failingTests),
      workspace: result.workspace,
      state: result.state,
    });
    expect(post.code).toBe(0);
  });
});

describe("pull requests", () => {
  let github: Server;
  let apiUrl = "";
  const comments: { id: number; body: string }[] = [];
  beforeEach(async () => {
    comments.length = 0;
    github = createServer((req, res) => {
      let body = "";
      req.on("data", (c: Buffer) => {
        body += c.toString();
      });
      req.on("end", () => {
        const url = new URL(req.url ?? "/", "http://x");
        res.setHeader("content-type", "application/json");
        // The GITHUB_TOKEN is an installation token: GET /user is refused, its comments are github-actions[bot]'s.
        const user = { login: "github-actions[bot]", type: "Bot" };
        if (req.headers.authorization !== "token ghs_e2e_token") {
          res.writeHead(401).end("{}");
        } else if (req.method === "GET" && url.pathname === "/user") {
          res.writeHead(403).end(JSON.stringify({ message: "Resource not accessible by integration" }));
        } else if (req.method === "GET" && url.pathname === "/repos/org/repo/issues/17/comments") {
          res.end(JSON.stringify(comments.map((c) => ({ ...c, user, html_url: `https://gh/c/${c.id}` }))));
        } else if (req.method === "POST" && url.pathname === "/repos/org/repo/issues/17/comments") {
          const comment = { id: comments.length + 1, body: (JSON.parse(body) as { body: string }).body };
          comments.push(comment);
          res.writeHead(201).end(JSON.stringify({ ...comment, html_url: `https://gh/c/${comment.id}` }));
        } else if (req.method === "PATCH" && url.pathname.startsWith("/repos/org/repo/issues/comments/")) {
          const comment = comments.find((c) => c.id === Number(url.pathname.split("/").pop()));
          if (comment) comment.body = (JSON.parse(body) as { body: string }).body;
          res.end(JSON.stringify({ ...comment, html_url: `https://gh/c/${comment?.id}` }));
        } else {
          res.writeHead(404).end("{}");
        }
      });
    });
    await new Promise<void>((r) => github.listen(0, "127.0.0.1", r));
    apiUrl = `http://127.0.0.1:${(github.address() as AddressInfo).port}`;
  });
  afterEach(() => new Promise<void>((r) => github.close(() => r())));

  function prEnv(workspace: string, fork = false): Record<string, string> {
    const eventPath = join(workspace, "event.json");
    writeFileSync(
      eventPath,
      JSON.stringify({
        pull_request: {
          number: 17,
          head: {
            sha: "f".repeat(40),
            ref: "feature",
            repo: { full_name: fork ? "someone/repo" : "org/repo" },
          },
          base: { ref: "main", repo: { full_name: "org/repo" } },
        },
      }),
    );
    return { GITHUB_EVENT_NAME: "pull_request", GITHUB_EVENT_PATH: eventPath, GITHUB_API_URL: apiUrl };
  }

  it("ci: true sends the PR number, head sha and PR schema, and keeps one PR comment up to date", async () => {
    const inputs = {
      ...baseInputs(emu, JOBS.ci),
      ci: "true",
      "pr-comment": "true",
      "github-token": "ghs_e2e_token",
    };
    const first = await runBundle({ inputs, env: prEnv(mkdtempSync(join(tmpdir(), "event-"))) });
    expect(first.code).toBe(0);
    const [trigger] = emu.requests.list({ operation: "triggerJobRun" });
    expect(trigger?.body).toMatchObject({
      github_pull_request_id: 17,
      git_sha: "f".repeat(40),
      schema_override: `dbt_cloud_pr_${JOBS.ci}_17`,
    });
    expect(comments).toHaveLength(1);
    expect(comments[0]?.body).toContain(`<!-- dbt-cloud-kit:job-${JOBS.ci} -->`);
    expect(comments[0]?.body).toContain("✅ dbt Cloud");
    expect(first.stdout).toMatch(/Pull request comment created/);

    emu.jobs.configure(JOBS.ci, { outcome: "error", failNodes: ["stg_payments"] });
    const second = await runBundle({ inputs, env: prEnv(first.workspace) });
    expect(second.code).toBe(1);
    expect(comments).toHaveLength(1);
    expect(comments[0]?.body).toContain("❌ dbt Cloud");
    expect(comments[0]?.body).toContain("stg_payments");
    expect(visible(second)).not.toContain("ghs_e2e_token");
  });

  it("a PR comment that GitHub refuses is a warning, not a failure", async () => {
    const inputs = {
      ...baseInputs(emu, JOBS.ci),
      ci: "true",
      "pr-comment": "true",
      "github-token": "ghs_revoked",
    };
    const result = await runBundle({ inputs, env: prEnv(mkdtempSync(join(tmpdir(), "event-"))) });
    expect(result.code).toBe(0);
    expect(result.outputs.status).toBe("success");
    expect(result.stdout).toMatch(/::warning::pr-comment: could not write the pull request comment/);
    expect(comments).toHaveLength(0);
  });

  it("warns about fork pull requests", async () => {
    const result = await runBundle({
      inputs: { ...baseInputs(emu, JOBS.ci), ci: "true", wait: "false" },
      env: prEnv(mkdtempSync(join(tmpdir(), "event-")), true),
    });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/::warning::Pull request #17 comes from the fork someone\/repo/);
  });
});
