import type { ChildProcess } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Emulator } from "@dbt-cloud-kit/emulator";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { baseInputs, emulator, JOBS } from "./emulator-env.js";
import { runBundle } from "./run-bundle.js";

let emu: Emulator;
beforeEach(async () => {
  emu = await emulator();
  // Long enough (an emulated hour) that only a timeout, a signal or a cancel ends the wait.
  emu.jobs.configure(JOBS.daily, { runSeconds: 3600 });
});
afterEach(async () => {
  await emu.close();
});

const until = async (check: () => boolean, what: string) => {
  for (let i = 0; i < 600 && !check(); i++) await new Promise((r) => setTimeout(r, 50));
  if (!check()) throw new Error(`timed out waiting for ${what}`);
};

const WAITING_LINE = /Run \d+: (Queued|Starting|Running)/;

/** Sends `signal` to the action once its output shows a status line matching `line`. */
const killOnStatusLine =
  (signal: NodeJS.Signals, line: RegExp = WAITING_LINE) =>
  (child: ChildProcess, stdout: () => string) => {
    void until(() => line.test(stdout()), "the first status line").then(() => child.kill(signal));
  };

describe("timeouts and cancellation", () => {
  it("cancels the run when timeout passes", async () => {
    const result = await runBundle({ inputs: { ...baseInputs(emu, JOBS.daily), timeout: "0.5" } });
    expect(result.code).toBe(1);
    expect(result.outputs.status).toBe("timeout");
    expect(emu.requests.count({ operation: "cancelRun" })).toBe(1);
    expect(result.stdout).toMatch(
      /::error::Run \d+ did not finish within .* \(timeout\); the run was cancelled/,
    );
    expect(result.state["dbt-cloud-phase"]).toBe("done");
    expect(result.summary).toMatch(/⏱️ dbt Cloud \[run #\d+\]\(.*\) timed out/);
    expect(result.summary).toContain("the run was cancelled");
  });

  it("leaves the run going with cancel-on-timeout: false and says so", async () => {
    const result = await runBundle({
      inputs: { ...baseInputs(emu, JOBS.daily), timeout: "0.5", "cancel-on-timeout": "false" },
    });
    expect(result.code).toBe(1);
    expect(result.outputs.status).toBe("timeout");
    expect(emu.requests.count({ operation: "cancelRun" })).toBe(0);
    expect(result.stdout).toMatch(
      /still (queued|starting|running) in dbt Cloud \(cancel-on-timeout: false\)/,
    );
    // The post step (post-if: always()) must not cancel what the user chose to leave going.
    const post = await runBundle({
      entry: "post.js",
      inputs: { ...baseInputs(emu, JOBS.daily), timeout: "0.5", "cancel-on-timeout": "false" },
      workspace: result.workspace,
      state: result.state,
    });
    expect(post.code).toBe(0);
    expect(emu.requests.count({ operation: "cancelRun" })).toBe(0);
  });

  it("cancels the run on SIGTERM while waiting", async () => {
    const result = await runBundle({
      inputs: baseInputs(emu, JOBS.daily),
      onSpawn: killOnStatusLine("SIGTERM"),
    });
    expect(result.code).toBe(1);
    expect(result.outputs.status).toBe("cancelled");
    expect(result.stdout).toMatch(/received SIGTERM/);
    expect(emu.requests.count({ operation: "cancelRun" })).toBe(1);
    // The post step then has nothing left to do.
    const post = await runBundle({
      entry: "post.js",
      inputs: baseInputs(emu, JOBS.daily),
      workspace: result.workspace,
      state: result.state,
    });
    expect(post.code).toBe(0);
    expect(emu.requests.count({ operation: "cancelRun" })).toBe(1);
  });

  it.each(["SIGTERM", "SIGINT"] as const)(
    "after %s the status outputs agree: cancelled, 30 and why, in the outputs and the summary",
    async (signal) => {
      const result = await runBundle({
        inputs: baseInputs(emu, JOBS.daily),
        onSpawn: killOnStatusLine(signal),
      });
      expect(result.outputs.status).toBe("cancelled");
      expect(result.outputs["status-code"]).toBe("30");
      expect(result.outputs["status-message"]).toBe(
        `The workflow was cancelled (received ${signal}); the run was cancelled.`,
      );
      expect(result.summary).toContain(`The workflow was cancelled (received ${signal})`);
    },
  );

  it("the status outputs agree after a SIGTERM outside the wait too (while downloading artifacts)", async () => {
    emu.jobs.configure(JOBS.daily, { runSeconds: 5 });
    emu.faults.add({ operation: "listRunArtifacts", kind: "delay", delayMs: 3000, count: 1 });
    const result = await runBundle({
      inputs: baseInputs(emu, JOBS.daily),
      onSpawn: killOnStatusLine("SIGTERM", /::group::Download artifacts/),
    });
    expect(result.code).toBe(1);
    expect(result.outputs.status).toBe("cancelled");
    expect(result.outputs["status-code"]).toBe("30");
    expect(result.outputs["status-message"]).toBe("The workflow was cancelled (received SIGTERM).");
  });

  it("says the run goes on when the workflow is cancelled with cancel-on-abort: false", async () => {
    const result = await runBundle({
      inputs: { ...baseInputs(emu, JOBS.daily), "cancel-on-abort": "false" },
      onSpawn: killOnStatusLine("SIGTERM"),
    });
    expect(emu.requests.count({ operation: "cancelRun" })).toBe(0);
    expect(result.outputs.status).toBe("cancelled");
    expect(result.outputs["status-code"]).toBe("30");
    expect(result.outputs["status-message"]).toMatch(
      /^The workflow was cancelled \(received SIGTERM\); it is still (queued|starting|running) in dbt Cloud \(cancel-on-abort: false\)\.$/,
    );
  });

  it("cancels the run on SIGINT too (the runner's first signal)", async () => {
    const result = await runBundle({
      inputs: baseInputs(emu, JOBS.daily),
      onSpawn: killOnStatusLine("SIGINT"),
    });
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/received SIGINT/);
    expect(emu.requests.count({ operation: "cancelRun" })).toBe(1);
  });

  it("the post step cancels a run left in flight when the main step was killed", async () => {
    const main = await runBundle({
      inputs: baseInputs(emu, JOBS.daily),
      onSpawn: killOnStatusLine("SIGKILL"),
    });
    expect(main.signal).toBe("SIGKILL");
    expect(main.state["dbt-cloud-phase"]).toBe("waiting");
    expect(emu.requests.count({ operation: "cancelRun" })).toBe(0);
    const post = await runBundle({
      entry: "post.js",
      inputs: baseInputs(emu, JOBS.daily),
      workspace: main.workspace,
      state: main.state,
    });
    expect(post.code).toBe(0);
    expect(post.stdout).toMatch(/cancelled it \(cancel-on-abort\)/);
    const cancels = emu.requests.list({ operation: "cancelRun" });
    expect(cancels).toHaveLength(1);
    expect(cancels[0]?.path).toContain(`/runs/${main.state["dbt-cloud-run-id"]}/cancel/`);
  });

  it("the post step leaves the run alone with cancel-on-abort: false", async () => {
    const inputs = { ...baseInputs(emu, JOBS.daily), "cancel-on-abort": "false" };
    const main = await runBundle({
      inputs,
      onSpawn: killOnStatusLine("SIGKILL", /Run \d+:/),
    });
    const post = await runBundle({ entry: "post.js", inputs, workspace: main.workspace, state: main.state });
    expect(post.code).toBe(0);
    expect(emu.requests.count({ operation: "cancelRun" })).toBe(0);
  });

  it("the post step leaves the run alone when the main step failed on its own", async () => {
    // Every poll fails with 401 (e.g. the token was revoked mid-run): the step fails, the run keeps going.
    const inputs = baseInputs(emu, JOBS.daily);
    const main = await runBundle({
      inputs,
      onSpawn: (_child, stdout) => {
        void until(() => /Run \d+: (Queued|Starting|Running)/.test(stdout()), "the first status line").then(
          () => emu.faults.add({ operation: "getRun", kind: "status", status: 401, count: 1000 }),
        );
      },
    });
    expect(main.code).toBe(1);
    expect(main.state["dbt-cloud-phase"]).toBe("failed");
    emu.faults.clear();
    const post = await runBundle({ entry: "post.js", inputs, workspace: main.workspace, state: main.state });
    expect(post.code).toBe(0);
    expect(emu.requests.count({ operation: "cancelRun" })).toBe(0);
  });

  it("the post step does nothing after a finished run", async () => {
    emu.jobs.configure(JOBS.daily, { runSeconds: 5 });
    const main = await runBundle({ inputs: baseInputs(emu, JOBS.daily) });
    expect(main.code).toBe(0);
    emu.requests.clear();
    const post = await runBundle({
      entry: "post.js",
      inputs: baseInputs(emu, JOBS.daily),
      workspace: main.workspace,
      state: main.state,
    });
    expect(post.code).toBe(0);
    expect(emu.requests.count()).toBe(0);
  });
});

describe("queueing", () => {
  it("logs the queue position while a deployment job's earlier run blocks it (if-running: queue)", async () => {
    const first = await runBundle({ inputs: { ...baseInputs(emu, JOBS.daily), wait: "false" } });
    const second = await runBundle({ inputs: { ...baseInputs(emu, JOBS.daily), timeout: "1" } });
    expect(emu.requests.count({ operation: "triggerJobRun" })).toBe(2);
    expect(second.stdout).toMatch(
      new RegExp(`Run \\d+: Queued — queue position 2, waiting behind run ${first.outputs["run-id"]}`),
    );
    expect(second.outputs.status).toBe("timeout");
  });
});

describe("if-running and retry-failed", () => {
  const SHA_A = "a".repeat(40);
  const SHA_B = "b".repeat(40);

  it("reuse attaches to the in-flight run of the same commit instead of triggering", async () => {
    const first = await runBundle({
      inputs: { ...baseInputs(emu, JOBS.daily), "git-sha": SHA_A, wait: "false" },
    });
    const second = await runBundle({
      // An abbreviated sha names the same commit.
      inputs: { ...baseInputs(emu, JOBS.daily), "if-running": "reuse", "git-sha": "aaaaaaa", wait: "false" },
    });
    expect(second.code).toBe(0);
    expect(second.outputs["run-id"]).toBe(first.outputs["run-id"]);
    expect(emu.requests.count({ operation: "triggerJobRun" })).toBe(1);
    expect(second.stdout).toMatch(
      /in flight for commit aaaaaaa \(.*\): attaching to it \(if-running: reuse\)/,
    );
  });

  it("reuse does not attach to an in-flight run of another commit", async () => {
    const first = await runBundle({
      inputs: { ...baseInputs(emu, JOBS.daily), "git-sha": SHA_A, wait: "false" },
    });
    const second = await runBundle({
      inputs: { ...baseInputs(emu, JOBS.daily), "if-running": "reuse", "git-sha": SHA_B, wait: "false" },
    });
    expect(second.code).toBe(0);
    expect(second.outputs["run-id"]).not.toBe(first.outputs["run-id"]);
    expect(emu.requests.count({ operation: "triggerJobRun" })).toBe(2);
    expect(second.stdout).toMatch(
      new RegExp(
        `run\\(s\\) ${first.outputs["run-id"]} in flight, none for commit bbbbbbbbbbbb: not attaching`,
      ),
    );
  });

  it("reuse without a commit behaves as queue, and says so", async () => {
    const first = await runBundle({ inputs: { ...baseInputs(emu, JOBS.daily), wait: "false" } });
    const second = await runBundle({
      inputs: { ...baseInputs(emu, JOBS.daily), "if-running": "reuse", wait: "false" },
    });
    expect(second.code).toBe(0);
    expect(second.outputs["run-id"]).not.toBe(first.outputs["run-id"]);
    expect(emu.requests.count({ operation: "triggerJobRun" })).toBe(2);
    expect(emu.requests.count({ operation: "listRuns" })).toBe(0);
    expect(second.stdout).toMatch(/reuse attaches only to a run of the same commit, and no commit is known/);
    expect(second.summary).toMatch(/no commit is known/);
  });

  it("reuse in CI mode attaches to the run of the pull request's head commit", async () => {
    emu.jobs.configure(JOBS.ci, { runSeconds: 3600 });
    const event = join(mkdtempSync(join(tmpdir(), "dbt-event-")), "event.json");
    const pr = (sha: string) => ({
      pull_request: {
        number: 5,
        head: { sha, ref: "f", repo: { full_name: "org/repo" } },
        base: { repo: { full_name: "org/repo" } },
      },
    });
    const env = { GITHUB_EVENT_NAME: "pull_request", GITHUB_EVENT_PATH: event };
    const inputs = { ...baseInputs(emu, JOBS.ci), ci: "true", "if-running": "reuse", wait: "false" };
    writeFileSync(event, JSON.stringify(pr(SHA_A)));
    const first = await runBundle({ inputs, env });
    const again = await runBundle({ inputs, env });
    expect(again.outputs["run-id"]).toBe(first.outputs["run-id"]);
    writeFileSync(event, JSON.stringify(pr(SHA_B)));
    const pushed = await runBundle({ inputs, env });
    expect(pushed.outputs["run-id"]).not.toBe(first.outputs["run-id"]);
    expect(emu.requests.count({ operation: "triggerJobRun" })).toBe(2);
  });

  it("reuse triggers a run when none is in flight", async () => {
    const result = await runBundle({
      inputs: { ...baseInputs(emu, JOBS.daily), "if-running": "reuse", "git-sha": SHA_A, wait: "false" },
    });
    expect(result.code).toBe(0);
    expect(emu.requests.count({ operation: "triggerJobRun" })).toBe(1);
  });

  it("cancel cancels the in-flight run before triggering", async () => {
    const first = await runBundle({ inputs: { ...baseInputs(emu, JOBS.daily), wait: "false" } });
    const second = await runBundle({
      inputs: { ...baseInputs(emu, JOBS.daily), "if-running": "cancel", wait: "false" },
    });
    expect(second.code).toBe(0);
    const cancels = emu.requests.list({ operation: "cancelRun" });
    expect(cancels).toHaveLength(1);
    expect(cancels[0]?.path).toContain(`/runs/${first.outputs["run-id"]}/cancel/`);
    expect(second.outputs["run-id"]).not.toBe(first.outputs["run-id"]);
    expect(emu.requests.count({ operation: "triggerJobRun" })).toBe(2);
  });

  it("for a pull request, only that PR's in-flight runs are reused or cancelled", async () => {
    emu.jobs.configure(JOBS.ci, { runSeconds: 3600 });
    // Both PRs at the same commit: only the PR tells their runs apart.
    const start = (pr: string, extra: Record<string, string> = {}) =>
      runBundle({
        inputs: {
          ...baseInputs(emu, JOBS.ci),
          "pull-request-id": pr,
          "git-sha": SHA_A,
          wait: "false",
          ...extra,
        },
      });
    const pr17 = await start("17");
    const pr18 = await start("18");
    const reused = await start("18", { "if-running": "reuse" });
    expect(reused.outputs["run-id"]).toBe(pr18.outputs["run-id"]);
    const replaced = await start("17", { "if-running": "cancel" });
    const cancels = emu.requests.list({ operation: "cancelRun" });
    expect(cancels.map((c) => c.path)).toEqual([
      expect.stringContaining(`/runs/${pr17.outputs["run-id"]}/cancel/`),
    ]);
    expect(replaced.outputs["run-id"]).not.toBe(pr17.outputs["run-id"]);
    expect(emu.requests.count({ operation: "triggerJobRun" })).toBe(3);
  });

  it("retry-failed retries the job's failed latest run from the point of failure", async () => {
    const failed = await runBundle({
      inputs: { ...baseInputs(emu, JOBS.modelError), "fail-on-error": "false" },
    });
    expect(failed.outputs.status).toBe("error");
    emu.jobs.configure(JOBS.modelError, { outcome: "success", failNodes: [] });
    const retried = await runBundle({
      inputs: { ...baseInputs(emu, JOBS.modelError), "retry-failed": "true" },
    });
    expect(emu.requests.count({ operation: "retryRun" })).toBe(1);
    expect(emu.requests.list({ operation: "retryRun" })[0]?.path).toContain(
      `/runs/${failed.outputs["run-id"]}/retry/`,
    );
    expect(emu.requests.count({ operation: "triggerJobRun" })).toBe(1);
    expect(retried.outputs["run-id"]).not.toBe(failed.outputs["run-id"]);
    expect(retried.stdout).toMatch(/retrying failed run \d+ from the point of failure/);
    expect(retried.summary).toContain("Retried from failure");
  });

  it("retry-failed adopts the retried run when the retry response is lost", async () => {
    const failed = await runBundle({
      inputs: { ...baseInputs(emu, JOBS.modelError), "fail-on-error": "false" },
    });
    emu.jobs.configure(JOBS.modelError, { outcome: "success", failNodes: [] });
    emu.faults.add({ operation: "retryRun", kind: "status", status: 502, body: "html", when: "after" });
    const retried = await runBundle({
      inputs: { ...baseInputs(emu, JOBS.modelError), "retry-failed": "true" },
    });
    expect(retried.code).toBe(0);
    expect(emu.requests.count({ operation: "retryRun" })).toBe(1);
    expect(emu.requests.count({ operation: "triggerJobRun" })).toBe(1);
    expect(Number(retried.outputs["run-id"])).toBeGreaterThan(Number(failed.outputs["run-id"]));
    expect(retried.outputs.status).toBe("success");
    expect(retried.stdout).toMatch(/retry response was lost .*found the run it created/);
  });

  it("retry-failed never retries another pull request's failed run", async () => {
    emu.jobs.configure(JOBS.ci, { outcome: "error", failNodes: ["stg_payments"] });
    const other = await runBundle({
      inputs: { ...baseInputs(emu, JOBS.ci), "pull-request-id": "18", "fail-on-error": "false" },
    });
    expect(other.outputs.status).toBe("error");
    const result = await runBundle({
      inputs: { ...baseInputs(emu, JOBS.ci), "pull-request-id": "17", "retry-failed": "true", wait: "false" },
    });
    expect(result.code).toBe(0);
    expect(emu.requests.count({ operation: "retryRun" })).toBe(0);
    expect(emu.requests.count({ operation: "triggerJobRun" })).toBe(2);
    expect(result.stdout).toMatch(/is for pull request #18, not #17; triggering a new run/);
  });

  it("retry-failed triggers a new run when the latest run succeeded", async () => {
    emu.jobs.configure(JOBS.daily, { runSeconds: 5 });
    await runBundle({ inputs: baseInputs(emu, JOBS.daily) });
    const result = await runBundle({ inputs: { ...baseInputs(emu, JOBS.daily), "retry-failed": "true" } });
    expect(result.code).toBe(0);
    expect(emu.requests.count({ operation: "retryRun" })).toBe(0);
    expect(emu.requests.count({ operation: "triggerJobRun" })).toBe(2);
    expect(result.stdout).toMatch(/not failed; triggering a new run/);
  });
});
