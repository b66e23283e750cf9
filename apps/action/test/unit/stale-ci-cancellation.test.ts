import type { DbtCloudRun } from "@dbt-cloud-kit/client";
import { describe, expect, it } from "vitest";
import { explainOutcome, isStaleCiCancellation } from "../../src/run/failure-report.js";

const STALE = "Cancelled: a newer commit was pushed to this pull request.";
const run = (fields: Partial<DbtCloudRun>): DbtCloudRun =>
  ({ id: 9, status: 30, status_message: STALE, ...fields }) as DbtCloudRun;

describe("the stale CI build explanation", () => {
  it("applies to a CI job's run of a pull request", () => {
    for (const trigger of [
      { github_pull_request_id: 17 },
      { gitlab_merge_request_id: 3 },
      { azure_pull_request_id: 8 },
      { non_native_pull_request_id: 5 },
    ]) {
      const ci = run({ trigger, job: { id: 1, job_type: "ci" } } as Partial<DbtCloudRun>);
      expect(isStaleCiCancellation(ci), JSON.stringify(trigger)).toBe(true);
      expect(explainOutcome(ci)).toMatch(/newer commit of the same pull request/);
    }
    // The job's type unknown (not read): the pull request is enough.
    expect(isStaleCiCancellation(run({ trigger: { github_pull_request_id: 17 } }))).toBe(true);
  });

  it("never applies to a run that is not of a pull request, whatever its message", () => {
    for (const fields of [
      {},
      { trigger: null },
      { trigger: { github_pull_request_id: null } },
      { trigger: { github_pull_request_id: 0 } },
      { trigger: {}, job: { id: 1, job_type: "ci" } },
    ] as Partial<DbtCloudRun>[]) {
      const cancelled = run(fields);
      expect(isStaleCiCancellation(cancelled), JSON.stringify(fields)).toBe(false);
      expect(explainOutcome(cancelled)).toBeUndefined();
    }
  });

  it("never applies to a deployment job's run, even one sent with a pull request id", () => {
    for (const jobType of ["scheduled", "merge", "other"]) {
      const deploy = run({
        trigger: { github_pull_request_id: 17 },
        job: { id: 1, job_type: jobType },
      } as Partial<DbtCloudRun>);
      expect(isStaleCiCancellation(deploy), jobType).toBe(false);
    }
  });

  it("needs a cancelled run with dbt Cloud's stale-build message", () => {
    const trigger = { github_pull_request_id: 17 };
    expect(isStaleCiCancellation(run({ trigger, status: 20 }))).toBe(false);
    expect(isStaleCiCancellation(run({ trigger, status_message: "This run was cancelled by a user." }))).toBe(
      false,
    );
  });
});
