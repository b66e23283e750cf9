import {
  describeStatusChange,
  explainOutcome,
  failedStep,
  isStaleCiCancellation,
  producerStep,
  runTimes,
} from "@dbt-cloud-kit/app-kit";
import type { DbtCloudRun } from "@dbt-cloud-kit/client";
import { describe, expect, it } from "vitest";

const run = (fields: Partial<DbtCloudRun>): DbtCloudRun => ({ id: 5, status: 1, ...fields }) as DbtCloudRun;
const step = (index: number, status: number, name: string, logs = "") => ({ index, status, name, logs });

describe("run times", () => {
  it("computes queued, run and total seconds from the timestamps", () => {
    const times = runTimes(
      run({
        status: 10,
        created_at: "2026-01-01T00:00:00Z",
        started_at: "2026-01-01T00:00:12Z",
        finished_at: "2026-01-01T00:01:35Z",
      }),
    );
    expect(times).toEqual({ durationSeconds: 95, queuedSeconds: 12, runSeconds: 83 });
  });
});

describe("status lines", () => {
  it("show elapsed time and the queue position while blocked", () => {
    expect(describeStatusChange(run({ status: 1, blocked_by: [3, 4] }), 12_000)).toBe(
      "[12s] Run 5: Queued — queue position 3, waiting behind runs 3, 4",
    );
    expect(describeStatusChange(run({ status: 3 }), 61_000)).toBe("[1m 01s] Run 5: Running");
    expect(describeStatusChange(run({ status: 20, status_message: "boom" }), 0)).toBe(
      "[0s] Run 5: Error — boom",
    );
  });
});

describe("failure report", () => {
  it("finds the failed step and explains fork commits", () => {
    const failed = run({
      status: 20,
      run_steps: [
        step(2, 10, "Create profile"),
        step(1, 20, "Clone git repository", "fatal: reference is not a tree: abc"),
      ] as DbtCloudRun["run_steps"],
    });
    expect(failedStep(failed)?.index).toBe(1);
    expect(explainOutcome(failed)).toMatch(/not in the repository connected to the project/);
  });

  it("recognises dbt Cloud's stale CI build cancellation", () => {
    const stale = run({
      status: 30,
      status_message: "Cancelled: a newer commit was pushed to this pull request",
      trigger: { github_pull_request_id: 17 },
    });
    expect(isStaleCiCancellation(stale)).toBe(true);
    expect(explainOutcome(stale)).toMatch(/newer commit/);
    expect(isStaleCiCancellation(run({ status: 30, status_message: "Cancelled by user" }))).toBe(false);
  });
});

describe("artifact steps", () => {
  it("takes catalog.json from docs generate and sources.json from source freshness", () => {
    const r = run({
      run_steps: [
        step(4, 10, "Invoke dbt with `dbt source freshness`"),
        step(5, 10, "Invoke dbt with `dbt build`"),
        step(6, 10, "Invoke dbt with `dbt docs generate`"),
      ] as DbtCloudRun["run_steps"],
    });
    expect(producerStep(r, "catalog.json")).toBe(6);
    expect(producerStep(r, "sources.json")).toBe(4);
    expect(producerStep(r, "run_results.json")).toBeUndefined();
  });
});
