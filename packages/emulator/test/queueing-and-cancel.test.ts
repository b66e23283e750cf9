import { RunStatus } from "@dbt-cloud-kit/client";
import { describe, expect, it } from "vitest";
import { clientFor, emulator } from "./helpers.js";

describe("serial queueing of deployment jobs", () => {
  it("runs one run of a deployment job at a time; later runs stay Queued with blocked_by", async () => {
    const emu = await emulator();
    const client = clientFor(emu);
    const job = emu.jobs.get("Daily build");
    const first = await client.triggerJobRun(job.id, { cause: "first" });
    const second = await client.triggerJobRun(job.id, { cause: "second" });
    const third = await client.triggerJobRun(job.id, { cause: "third" });

    emu.clock.advanceSeconds(30);
    expect((await client.getRun(first.id)).status).toBe(RunStatus.Running);
    const s2 = await client.getRun(second.id);
    const s3 = await client.getRun(third.id);
    expect(s2.status).toBe(RunStatus.Queued);
    expect(s2.blocked_by).toEqual([first.id]);
    expect(s3.blocked_by).toEqual([first.id, second.id]);

    // Finish the first run: the second starts, the third waits behind it only.
    const firstDone = await finish(emu, client, first.id);
    expect(firstDone.status).toBe(RunStatus.Success);
    const s2b = await client.getRun(second.id);
    expect(s2b.status).not.toBe(RunStatus.Queued);
    expect(Date.parse(s2b.dequeued_at ?? "")).toBeGreaterThanOrEqual(Date.parse(firstDone.finished_at ?? ""));
    const s3b = await client.getRun(third.id);
    expect(s3b.status).toBe(RunStatus.Queued);
    expect(s3b.blocked_by).toEqual([second.id]);
  });

  it("runs CI job runs concurrently and cancels a PR's stale build when a newer commit arrives", async () => {
    const emu = await emulator();
    const client = clientFor(emu);
    const ci = emu.jobs.get("CI check");
    const a = await client.triggerJobRun(ci.id, {
      cause: "PR 7",
      githubPullRequestId: 7,
      gitSha: "a".repeat(40),
    });
    const b = await client.triggerJobRun(ci.id, {
      cause: "PR 8",
      githubPullRequestId: 8,
      gitSha: "b".repeat(40),
    });
    emu.clock.advanceSeconds(10);
    const [ra, rb] = [await client.getRun(a.id), await client.getRun(b.id)];
    expect(ra.status).toBe(RunStatus.Running);
    expect(rb.status).toBe(RunStatus.Running);
    expect(rb.blocked_by ?? []).toEqual([]);

    const a2 = await client.triggerJobRun(ci.id, {
      cause: "PR 7 again",
      githubPullRequestId: 7,
      gitSha: "c".repeat(40),
    });
    const stale = await client.getRun(a.id, { includeRelated: ["trigger"] });
    expect(stale.status).toBe(RunStatus.Cancelled);
    expect(stale.status_message).toMatch(/newer commit/);
    expect(stale.trigger?.cause_category).toBe("ci");
    expect((await client.getRun(b.id)).status).toBe(RunStatus.Running);
    expect((await client.getRun(a2.id)).status).toBe(RunStatus.Queued);
  });

  it("a cancelled queued run frees its place: the next run no longer waits for it", async () => {
    const emu = await emulator();
    const client = clientFor(emu);
    const job = emu.jobs.get("Daily build");
    const first = await client.triggerJobRun(job.id, { cause: "1" });
    const second = await client.triggerJobRun(job.id, { cause: "2" });
    const third = await client.triggerJobRun(job.id, { cause: "3" });
    emu.clock.advanceSeconds(10);
    await client.cancelRun(second.id);
    expect((await client.getRun(second.id)).status).toBe(RunStatus.Cancelled);
    expect((await client.getRun(third.id)).blocked_by).toEqual([first.id]);
  });
});

describe("cancel", () => {
  for (const [label, seconds, before] of [
    ["Queued", 0, RunStatus.Queued],
    ["Starting", 3, RunStatus.Starting],
    ["Running", 20, RunStatus.Running],
  ] as const) {
    it(`cancels a ${label} run: terminal at once, no artifacts, not retryable`, async () => {
      const emu = await emulator();
      const client = clientFor(emu);
      const run = await client.triggerJobRun(emu.jobs.get("Daily build").id, { cause: "to cancel" });
      emu.clock.advanceSeconds(seconds);
      expect((await client.getRun(run.id)).status).toBe(before);
      const cancelled = await client.cancelRun(run.id);
      expect(cancelled.status).toBe(RunStatus.Cancelled);
      expect(cancelled.is_cancelled).toBe(true);
      emu.clock.advanceSeconds(3600);
      const later = await client.getRun(run.id, { includeRelated: ["run_steps"] });
      expect(later.status).toBe(RunStatus.Cancelled);
      expect(later.finished_at).toBe(cancelled.finished_at);
      expect(later.can_retry).toBe(false);
      expect(later.retry_not_supported_reason).toBe("RETRY_NOT_FAILED_RUN");
      expect(await client.listRunArtifacts(run.id)).toEqual([]);
      if (before === RunStatus.Running) expect(later.run_steps?.at(-1)?.status).toBe(RunStatus.Cancelled);
      else expect(later.run_steps ?? []).toEqual([]);
    });
  }

  it("leaves a finished run as it is", async () => {
    const emu = await emulator();
    const client = clientFor(emu);
    const run = await client.triggerJobRun(emu.jobs.get("Daily build").id, { cause: "done" });
    emu.clock.advanceSeconds(3600);
    const after = await client.cancelRun(run.id);
    expect(after.status).toBe(RunStatus.Success);
  });

  it("outcome cancelled ends the run as Cancelled after cancelAfterSeconds of running", async () => {
    const emu = await emulator();
    const client = clientFor(emu);
    const job = emu.jobs.configure("Daily build", { outcome: "cancelled", cancelAfterSeconds: 4 });
    const run = await client.triggerJobRun(job.id, { cause: "cancel me" });
    emu.clock.advanceSeconds(job.behaviour.queuedSeconds + job.behaviour.startingSeconds + 3);
    expect((await client.getRun(run.id)).status).toBe(RunStatus.Running);
    emu.clock.advanceSeconds(2);
    const done = await client.getRun(run.id);
    expect(done.status).toBe(RunStatus.Cancelled);
    expect(done.status_message).toBeTruthy();
  });
});

describe("timeouts", () => {
  it("timeout_seconds_override cancels a run that runs longer, with a timeout message", async () => {
    const emu = await emulator();
    const client = clientFor(emu);
    const run = await client.triggerJobRun(1001, { cause: "short fuse", timeoutSecondsOverride: 5 });
    emu.clock.advanceSeconds(3600);
    const done = await client.getRun(run.id);
    expect(done.status).toBe(RunStatus.Cancelled);
    expect(done.status_message).toMatch(/timed out after running for longer than 5 seconds/);
    expect(Date.parse(done.finished_at ?? "") - Date.parse(done.started_at ?? "")).toBe(5000);
    const roomy = await client.triggerJobRun(1001, { cause: "roomy", timeoutSecondsOverride: 3600 });
    emu.clock.advanceSeconds(7200);
    expect((await client.getRun(roomy.id)).status).toBe(RunStatus.Success);
  });
});

async function finish(
  emu: Awaited<ReturnType<typeof emulator>>,
  client: ReturnType<typeof clientFor>,
  runId: number,
): Promise<Awaited<ReturnType<ReturnType<typeof clientFor>["getRun"]>>> {
  for (let i = 0; i < 1000; i++) {
    const run = await client.getRun(runId);
    if (run.status >= 10) return run;
    emu.clock.advanceSeconds(1);
  }
  throw new Error(`run ${runId} did not finish`);
}
