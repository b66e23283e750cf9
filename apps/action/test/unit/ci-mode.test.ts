import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { cutCause } from "@dbt-cloud-kit/app-kit";
import { describe, expect, it, vi } from "vitest";
import { parseConfig } from "../../src/config/parse-config.js";
import { inputEnvName, readRawInputs } from "../../src/config/read-raw-inputs.js";
import {
  type ActionsContext,
  type GithubContext,
  GithubEventError,
  githubContextOf,
  readGithubContext,
  workflowRunUrl,
} from "../../src/github/github-context.js";

/** @actions/github reads the runner's variables when its Context is built: set them for that moment. */
function withEnv<T>(env: Record<string, string>, read: () => T): T {
  for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
  try {
    return read();
  } finally {
    vi.unstubAllEnvs();
  }
}

import { ciSchemaName, resolveTrigger } from "../../src/run/resolve-trigger.js";

function prEvent(fork: boolean) {
  return {
    pull_request: {
      number: 17,
      html_url: "https://github.com/org/repo/pull/17",
      head: { sha: "b".repeat(40), ref: "feature", repo: { full_name: fork ? "someone/repo" : "org/repo" } },
      base: { sha: "c".repeat(40), ref: "main", repo: { full_name: "org/repo" } },
    },
  };
}

function contextFor(eventName: string, payload: unknown): GithubContext {
  const dir = mkdtempSync(join(tmpdir(), "event-"));
  const path = join(dir, "event.json");
  writeFileSync(path, JSON.stringify(payload));
  return withEnv(
    {
      GITHUB_EVENT_NAME: eventName,
      GITHUB_EVENT_PATH: path,
      GITHUB_SHA: "d".repeat(40),
      GITHUB_REPOSITORY: "org/repo",
      GITHUB_RUN_ID: "555",
      GITHUB_RUN_NUMBER: "12",
      GITHUB_RUN_ATTEMPT: "1",
      GITHUB_WORKFLOW: "dbt CI",
    },
    readGithubContext,
  );
}

function configFor(inputs: Record<string, string>, context: GithubContext) {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries({
    "api-token": "t0ken",
    "account-id": "1",
    "job-id": "99",
    ...inputs,
  })) {
    env[inputEnvName(k)] = v;
  }
  return parseConfig(readRawInputs(env), context);
}

describe("GitHub context", () => {
  it("reads the pull request of a pull_request event", () => {
    const context = contextFor("pull_request", prEvent(false));
    expect(context.pullRequest).toEqual({
      number: 17,
      headSha: "b".repeat(40),
      headRef: "feature",
      headRepo: "org/repo",
      baseRepo: "org/repo",
      isFork: false,
      htmlUrl: "https://github.com/org/repo/pull/17",
    });
    expect(workflowRunUrl(context)).toBe("https://github.com/org/repo/actions/runs/555");
  });

  it("adapts a context built by hand (no runner variables), repository from the payload", () => {
    const built = {
      eventName: "pull_request",
      sha: "e".repeat(40),
      workflow: "ci",
      runId: 9,
      runNumber: 3,
      runAttempt: 2,
      apiUrl: "https://ghe.example/api/v3/",
      serverUrl: "",
      payload: prEvent(false),
      repo: { owner: "org", repo: "repo" },
    } as unknown as ActionsContext;
    const context = githubContextOf(built);
    expect(context).toMatchObject({
      eventName: "pull_request",
      repository: "org/repo",
      apiUrl: "https://ghe.example/api/v3",
      serverUrl: "https://github.com",
      pullRequest: { number: 17, isFork: false },
    });
    expect(workflowRunUrl(context)).toBe("https://github.com/org/repo/actions/runs/9/attempts/2");
    const noRepo = {
      ...built,
      get repo(): never {
        throw new Error("context.repo requires a GITHUB_REPOSITORY environment variable");
      },
    } as unknown as ActionsContext;
    expect(githubContextOf(noRepo).repository).toBeUndefined();
  });

  it("reports an event file that is not JSON as a GithubEventError", () => {
    const dir = mkdtempSync(join(tmpdir(), "event-"));
    const path = join(dir, "event.json");
    writeFileSync(path, "{ not json");
    expect(() => withEnv({ GITHUB_EVENT_NAME: "push", GITHUB_EVENT_PATH: path }, readGithubContext)).toThrow(
      GithubEventError,
    );
  });

  it("recognises fork pull requests and ignores PR payloads on other events", () => {
    expect(contextFor("pull_request_target", prEvent(true)).pullRequest?.isFork).toBe(true);
    expect(contextFor("push", prEvent(false)).pullRequest).toBeUndefined();
  });
});

describe("resolveTrigger", () => {
  it("fills PR number, head sha and the dbt_cloud_pr_ schema in CI mode", () => {
    const context = contextFor("pull_request", prEvent(false));
    const trigger = resolveTrigger(configFor({ ci: "true" }, context), context, 99);
    expect(trigger.overrides).toEqual({
      pullRequestId: 17,
      gitSha: "b".repeat(40),
      schemaOverride: "dbt_cloud_pr_99_17",
    });
    expect(ciSchemaName(99, 17)).toBe("dbt_cloud_pr_99_17");
    expect(trigger.cause).toBe("GitHub Actions: dbt CI #12 (org/repo@bbbbbbb, PR #17)");
    expect(trigger.warnings).toEqual([]);
  });

  it("lets explicit inputs win over CI defaults", () => {
    const context = contextFor("pull_request", prEvent(false));
    const trigger = resolveTrigger(
      configFor({ ci: "true", "schema-override": "custom", "git-sha": "abcdef0", cause: "mine" }, context),
      context,
      99,
    );
    expect(trigger.overrides).toMatchObject({
      schemaOverride: "custom",
      gitSha: "abcdef0",
      pullRequestId: 17,
    });
    expect(trigger.cause).toBe("mine");
  });

  it("explains that dbt Cloud cannot check out a fork's commit", () => {
    const context = contextFor("pull_request_target", prEvent(true));
    const trigger = resolveTrigger(configFor({ ci: "true" }, context), context, 99);
    expect(trigger.warnings.join("\n")).toMatch(/fork someone\/repo.*reference is not a tree/s);
  });

  it("sends nothing extra outside CI mode, and cuts long causes to 255 characters", () => {
    const context = contextFor("pull_request", prEvent(false));
    const trigger = resolveTrigger(configFor({ cause: "x".repeat(300) }, context), context, 99);
    expect(trigger.overrides).toEqual({});
    expect(trigger.cause).toHaveLength(255);
    expect(cutCause("short")).toBe("short");
    const rerun = { ...context, runAttempt: 2, sha: "abcdef0123" };
    expect(resolveTrigger(configFor({}, rerun), rerun, 99).cause).toBe(
      "GitHub Actions: dbt CI #12 attempt 2 (org/repo@abcdef0, PR #17)",
    );
  });
});
