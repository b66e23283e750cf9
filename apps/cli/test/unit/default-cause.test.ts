import { describe, expect, it } from "vitest";
import { defaultCause } from "../../src/run-flow/default-cause.js";

describe("the default trigger cause names where the run came from", () => {
  it("GitHub Actions: the action's own format", () => {
    expect(
      defaultCause({
        GITHUB_ACTIONS: "true",
        GITHUB_WORKFLOW: "deploy",
        GITHUB_RUN_NUMBER: "42",
        GITHUB_RUN_ATTEMPT: "2",
        GITHUB_REPOSITORY: "org/repo",
        GITHUB_SHA: "0123456789abcdef",
      }),
    ).toBe("GitHub Actions: deploy #42 attempt 2 (org/repo@0123456)");
  });

  it("GitLab CI, Buildkite, Jenkins", () => {
    expect(
      defaultCause({
        GITLAB_CI: "true",
        CI_PROJECT_PATH: "g/p",
        CI_PIPELINE_IID: "7",
        CI_JOB_NAME: "dbt",
        CI_COMMIT_SHA: "abcdef0123",
      }),
    ).toBe("GitLab CI: g/p pipeline #7 job dbt (abcdef0)");
    expect(
      defaultCause({ BUILDKITE: "true", BUILDKITE_PIPELINE_SLUG: "etl", BUILDKITE_BUILD_NUMBER: "9" }),
    ).toBe("Buildkite: etl build #9");
    expect(defaultCause({ JENKINS_URL: "https://ci", BUILD_TAG: "jenkins-etl-12" })).toBe(
      "Jenkins: jenkins-etl-12",
    );
  });

  it("elsewhere user@host, and never longer than dbt Cloud's 255 characters", () => {
    expect(defaultCause({})).toMatch(/^dbt-cloud-kit CLI \(.+@.+\)$/);
    expect(defaultCause({ JENKINS_URL: "x", BUILD_TAG: "t".repeat(400) })).toHaveLength(255);
  });
});
