import type { DbtCloudRun } from "@dbt-cloud-kit/client";
import { describe, expect, it } from "vitest";
import { failureReport } from "../src/run-flow/failure-report.js";
import { flagSpelling, inputSpelling } from "../src/run-flow/flow-log.js";

const run = (fields: Partial<DbtCloudRun>): DbtCloudRun =>
  ({ id: 7, status: 10, href: "https://cloud/run/7", ...fields }) as DbtCloudRun;
const action = { failOnError: true, missingRequired: [], spell: inputSpelling, token: "api-token" };
const cli = { failOnError: true, missingRequired: [], spell: flagSpelling, token: "the token" };

describe("failureReport", () => {
  it("a success passes", () => {
    expect(failureReport(run({}), { status: "success" }, action)).toEqual({ fails: false });
  });

  it("a failed run fails at its failed step with our explanation (or dbt Cloud's message) and the link", () => {
    const failed = run({ status: 20, status_message: "Exited with 1" });
    const step = { index: 4, name: "Invoke dbt with `dbt build`" };
    expect(failureReport(failed, { status: "error", failedStep: step }, action)).toEqual({
      fails: true,
      failure:
        "dbt Cloud run 7 failed at step 4 (Invoke dbt with `dbt build`): Exited with 1 — https://cloud/run/7",
    });
    expect(failureReport(run({ status: 30 }), { status: "cancelled", explanation: "why" }, cli).failure).toBe(
      "dbt Cloud run 7 was cancelled: why — https://cloud/run/7",
    );
    expect(failureReport(failed, { status: "error" }, { ...cli, failOnError: false })).toEqual({
      fails: false,
    });
  });

  it("dbt Cloud's cancellation of a stale CI run is a notice, not a failure", () => {
    const stale = run({
      status: 30,
      status_message: "Cancelled: a newer commit was pushed to this pull request",
      trigger: { github_pull_request_id: 17 },
    } as Partial<DbtCloudRun>);
    expect(failureReport(stale, { status: "cancelled" }, action)).toEqual({
      fails: false,
      notice: "dbt Cloud cancelled stale CI run 7.",
    });
  });

  it("a success without a required artifact explains itself, and fails with fail-on-error, in each app's words", () => {
    const missing = { missingRequired: ["run_results.json"] };
    const facts = { status: "success" as const, artifacts: { step: 4 } };
    expect(failureReport(run({}), facts, { ...action, ...missing })).toEqual({
      fails: true,
      explanation:
        "The run succeeded but did not produce run_results.json, which the artifacts input asks for.",
      failure:
        "dbt Cloud run 7 succeeded, but the required artifact(s) run_results.json were not produced (looked in step 4). Remove them from artifacts, or set artifacts-step to the step that writes them.",
    });
    expect(failureReport(run({}), facts, { ...cli, ...missing, failOnError: false })).toEqual({
      fails: false,
      explanation: "The run succeeded but did not produce run_results.json, which --artifacts asks for.",
    });
    expect(
      failureReport(
        run({}),
        { status: "success", artifacts: { error: "HTTP 403" } },
        { ...action, ...missing },
      ).failure,
    ).toBe(
      "dbt Cloud run 7 succeeded, but the required artifact(s) run_results.json could not be downloaded: HTTP 403. Check that api-token may read the run's artifacts, or remove them from artifacts.",
    );
  });
});
