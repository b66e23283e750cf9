import { describe, expect, it } from "vitest";
import { cutCause, defaultCause } from "../src/run-flow/default-cause.js";

const fromEnv = (env: Record<string, string>) => defaultCause({ env });

describe("the default trigger cause names where the run came from", () => {
  it("GitHub Actions: the action's own format", () => {
    expect(
      fromEnv({
        GITHUB_ACTIONS: "true",
        GITHUB_WORKFLOW: "deploy",
        GITHUB_RUN_NUMBER: "42",
        GITHUB_RUN_ATTEMPT: "2",
        GITHUB_REPOSITORY: "org/repo",
        GITHUB_SHA: "0123456789abcdef",
      }),
    ).toBe("GitHub Actions: deploy #42 attempt 2 (org/repo@0123456)");
  });

  it("GitHub Actions from the action's workflow context: PR number, attempt, sha cut to 7", () => {
    const github = {
      workflow: "dbt CI",
      runNumber: 12,
      repository: "org/repo",
      sha: "abcdef0123",
      pullRequest: 17,
    };
    expect(defaultCause({ github: { ...github, runAttempt: 2 } })).toBe(
      "GitHub Actions: dbt CI #12 attempt 2 (org/repo@abcdef0, PR #17)",
    );
    expect(defaultCause({ github: { ...github, runAttempt: 1, pullRequest: undefined } })).toBe(
      "GitHub Actions: dbt CI #12 (org/repo@abcdef0)",
    );
    expect(defaultCause({ github: {} })).toBe("GitHub Actions: workflow");
    // The context wins over the environment (the action knows its workflow run).
    expect(defaultCause({ github, env: { GITLAB_CI: "true" } })).toMatch(/^GitHub Actions: dbt CI #12 /);
  });

  it("GitLab CI, Buildkite, Jenkins", () => {
    expect(
      fromEnv({
        GITLAB_CI: "true",
        CI_PROJECT_PATH: "g/p",
        CI_PIPELINE_IID: "7",
        CI_JOB_NAME: "dbt",
        CI_COMMIT_SHA: "abcdef0123",
      }),
    ).toBe("GitLab CI: g/p pipeline #7 job dbt (abcdef0)");
    expect(fromEnv({ BUILDKITE: "true", BUILDKITE_PIPELINE_SLUG: "etl", BUILDKITE_BUILD_NUMBER: "9" })).toBe(
      "Buildkite: etl build #9",
    );
    expect(fromEnv({ JENKINS_URL: "https://ci", BUILD_TAG: "jenkins-etl-12" })).toBe(
      "Jenkins: jenkins-etl-12",
    );
  });

  it("elsewhere user@host, and never longer than dbt Cloud's 255 characters", () => {
    expect(fromEnv({})).toMatch(/^dbt-cloud-kit CLI \(.+@.+\)$/);
    expect(fromEnv({ JENKINS_URL: "x", BUILD_TAG: "t".repeat(400) })).toHaveLength(255);
    expect(cutCause("short")).toBe("short");
    expect(cutCause("c".repeat(300))).toBe(`${"c".repeat(252)}...`);
  });
});
