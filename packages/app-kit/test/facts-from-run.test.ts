import type { DbtCloudRun } from "@dbt-cloud-kit/client";
import { describe, expect, it } from "vitest";
import { factsFromRun, renderJobSummary, type SummaryFacts } from "../src/index.js";

const run = (fields: Partial<DbtCloudRun>): DbtCloudRun => ({ id: 7, status: 10, ...fields }) as DbtCloudRun;

describe("factsFromRun", () => {
  it("takes status, ids, commit, timestamps and durations from the run, leaving absent values out", () => {
    const facts = factsFromRun(
      run({
        href: "https://cloud.example/run/7",
        git_sha: "abc1234",
        git_branch: "main",
        created_at: "2026-01-01T00:00:00Z",
        started_at: "2026-01-01T00:00:10Z",
        finished_at: "2026-01-01T00:01:00Z",
        status_message: "done",
      }),
    );
    expect(facts).toEqual({
      status: "success",
      statusCode: 10,
      runId: 7,
      runUrl: "https://cloud.example/run/7",
      gitSha: "abc1234",
      gitBranch: "main",
      createdAt: "2026-01-01T00:00:00Z",
      finishedAt: "2026-01-01T00:01:00Z",
      statusMessage: "done",
      durationSeconds: 60,
      queuedSeconds: 10,
      runSeconds: 50,
    });
    expect(Object.keys(factsFromRun(run({ status: 3 })))).toEqual(["status", "statusCode", "runId"]);
  });

  it("measures an in-flight run up to `now`, takes the status it is given, and explains stale CI cancellations", () => {
    const inFlight = run({
      status: 3,
      created_at: "2026-01-01T00:00:00Z",
      started_at: "2026-01-01T00:00:05Z",
    });
    const facts = factsFromRun(inFlight, { status: "timeout", now: new Date("2026-01-01T00:02:00Z") });
    expect(facts).toMatchObject({ status: "timeout", statusCode: 3, durationSeconds: 120, runSeconds: 115 });
    const stale = run({
      status: 30,
      status_message: "Cancelled: a newer commit was pushed",
      trigger: { github_pull_request_id: 3 } as DbtCloudRun["trigger"],
    });
    expect(factsFromRun(stale).explanation).toMatch(/newer commit of the same pull request/);
  });

  it("is all a command needs, besides how the run was started, to render the action's summary", () => {
    const finished = run({ status: 20, status_message: "Database Error", git_sha: "abc1234" });
    const facts: SummaryFacts = {
      jobId: 12,
      how: "triggered",
      cause: "cli",
      notes: [],
      warnings: [],
      ...factsFromRun(finished),
    };
    const markdown = renderJobSummary(facts, undefined);
    expect(markdown).toContain("Database Error");
    expect(markdown).toContain("abc1234");
  });
});
