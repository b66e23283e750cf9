import { readFileSync } from "node:fs";

export interface PullRequestContext {
  number: number;
  headSha: string;
  headRef: string;
  /** `owner/name` of the head repository; differs from the base for fork PRs. */
  headRepo?: string;
  baseRepo?: string;
  isFork: boolean;
  htmlUrl?: string;
}

/** What the action needs from the workflow run, read from the runner's GITHUB_* variables. */
export interface GithubContext {
  eventName: string;
  sha?: string;
  refName?: string;
  repository?: string;
  serverUrl: string;
  apiUrl: string;
  runId?: string;
  runNumber?: string;
  runAttempt?: string;
  workflow?: string;
  pullRequest?: PullRequestContext;
}

const PR_EVENTS = new Set([
  "pull_request",
  "pull_request_target",
  "pull_request_review",
  "pull_request_review_comment",
]);

export function readGithubContext(env: NodeJS.ProcessEnv): GithubContext {
  const eventName = env.GITHUB_EVENT_NAME ?? "";
  const context: GithubContext = {
    eventName,
    serverUrl: (env.GITHUB_SERVER_URL || "https://github.com").replace(/\/+$/, ""),
    apiUrl: (env.GITHUB_API_URL || "https://api.github.com").replace(/\/+$/, ""),
  };
  assign(context, "sha", env.GITHUB_SHA);
  assign(context, "refName", env.GITHUB_REF_NAME);
  assign(context, "repository", env.GITHUB_REPOSITORY);
  assign(context, "runId", env.GITHUB_RUN_ID);
  assign(context, "runNumber", env.GITHUB_RUN_NUMBER);
  assign(context, "runAttempt", env.GITHUB_RUN_ATTEMPT);
  assign(context, "workflow", env.GITHUB_WORKFLOW);
  if (PR_EVENTS.has(eventName) && env.GITHUB_EVENT_PATH) {
    const pr = pullRequestFromEvent(readEvent(env.GITHUB_EVENT_PATH));
    if (pr) context.pullRequest = pr;
  }
  return context;
}

function assign<K extends keyof GithubContext>(
  target: GithubContext,
  key: K,
  value: string | undefined,
): void {
  if (value) (target as unknown as Record<string, string>)[key] = value;
}

function readEvent(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, "utf8"));
  } catch {
    return undefined;
  }
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null;

/** The pull request of a pull_request* event payload, if it has one. */
export function pullRequestFromEvent(payload: unknown): PullRequestContext | undefined {
  if (!isObject(payload) || !isObject(payload.pull_request)) return undefined;
  const pr = payload.pull_request;
  const head = isObject(pr.head) ? pr.head : {};
  const base = isObject(pr.base) ? pr.base : {};
  if (typeof pr.number !== "number" || typeof head.sha !== "string") return undefined;
  const headRepo =
    isObject(head.repo) && typeof head.repo.full_name === "string" ? head.repo.full_name : undefined;
  const baseRepo =
    isObject(base.repo) && typeof base.repo.full_name === "string" ? base.repo.full_name : undefined;
  const result: PullRequestContext = {
    number: pr.number,
    headSha: head.sha,
    headRef: typeof head.ref === "string" ? head.ref : "",
    // A deleted fork has head.repo null: still a fork.
    isFork: baseRepo !== undefined && headRepo !== baseRepo,
  };
  if (headRepo) result.headRepo = headRepo;
  if (baseRepo) result.baseRepo = baseRepo;
  if (typeof pr.html_url === "string") result.htmlUrl = pr.html_url;
  return result;
}

/** Link to this workflow run, when the runner told us where it is. */
export function workflowRunUrl(context: GithubContext): string | undefined {
  if (!context.repository || !context.runId) return undefined;
  const attempt = context.runAttempt && context.runAttempt !== "1" ? `/attempts/${context.runAttempt}` : "";
  return `${context.serverUrl}/${context.repository}/actions/runs/${context.runId}${attempt}`;
}
