import { describe, expect, it } from "vitest";
import { clientFor, emulator } from "./helpers.js";

describe("git sha of runs whose trigger names none", () => {
  it("is one commit per environment and branch, so runs between pushes share it", async () => {
    const emu = await emulator();
    const client = clientFor(emu);
    const daily = emu.jobs.get("Daily build").id;
    const docs = emu.jobs.get("Build and docs").id;
    const ci = emu.jobs.get("CI check").id;
    const sha = async (jobId: number, overrides: Record<string, unknown> = {}) =>
      (await client.triggerJobRun(jobId, { cause: "sha test", ...overrides })).git_sha;

    const main1 = await sha(daily);
    expect(main1).toMatch(/^[0-9a-f]{40}$/);
    expect(await sha(daily)).toBe(main1);
    expect(await sha(docs)).toBe(main1); // another job of the same environment and branch
    expect(await sha(daily, { gitBranch: "feature/x" })).not.toBe(main1);
    expect(await sha(daily, { gitBranch: "feature/x" })).toBe(await sha(docs, { gitBranch: "feature/x" }));
    expect(await sha(ci)).not.toBe(main1); // another environment
    // The trigger's sha wins; later runs without one are back on the branch's commit.
    expect(await sha(daily, { gitSha: "d".repeat(40) })).toBe("d".repeat(40));
    expect(await sha(daily)).toBe(main1);
    // A pull request trigger without a sha stands for a new push.
    const pr1 = await sha(ci, { githubPullRequestId: 9 });
    const pr2 = await sha(ci, { githubPullRequestId: 9 });
    expect(pr1).not.toBe(pr2);
  });
});
