import type { context as actionsContext } from "@actions/github";
import { Context } from "dbt-cloud-kit-github-context";

/** @actions/github's context: the runner's GITHUB_* variables and the event payload. */
export type ActionsContext = typeof actionsContext;

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

/** What the action needs from the workflow run. */
export interface GithubContext {
  eventName: string;
  sha?: string;
  /** `owner/name`. */
  repository?: string;
  serverUrl: string;
  apiUrl: string;
  runId?: number;
  runNumber?: number;
  runAttempt?: number;
  workflow?: string;
  pullRequest?: PullRequestContext;
}

/** The workflow's event file (GITHUB_EVENT_PATH) is not readable JSON. */
export class GithubEventError extends Error {
  override readonly name = "GithubEventError";
}

const PR_EVENTS = new Set([
  "pull_request",
  "pull_request_target",
  "pull_request_review",
  "pull_request_review_comment",
]);

/** The workflow context as @actions/github reads it from the runner (its Context, without Octokit). */
export function readGithubContext(): GithubContext {
  let context: ActionsContext;
  try {
    context = new Context();
  } catch (error) {
    throw new GithubEventError(`the event file could not be read: ${(error as Error).message}`, {
      cause: error,
    });
  }
  return githubContextOf(context);
}

/** What the action uses of @actions/github's context; tests pass one they built. */
export function githubContextOf(source: ActionsContext): GithubContext {
  const eventName = source.eventName ?? "";
  const context: GithubContext = {
    eventName,
    serverUrl: (source.serverUrl || "https://github.com").replace(/\/+$/, ""),
    apiUrl: (source.apiUrl || "https://api.github.com").replace(/\/+$/, ""),
  };
  if (source.sha) context.sha = source.sha;
  if (source.workflow) context.workflow = source.workflow;
  const repository = repositoryOf(source);
  if (repository) context.repository = repository;
  if (Number.isSafeInteger(source.runId)) context.runId = source.runId;
  if (Number.isSafeInteger(source.runNumber)) context.runNumber = source.runNumber;
  if (Number.isSafeInteger(source.runAttempt)) context.runAttempt = source.runAttempt;
  if (PR_EVENTS.has(eventName)) {
    const pr = pullRequestFromEvent(source.payload);
    if (pr) context.pullRequest = pr;
  }
  return context;
}

function repositoryOf(source: ActionsContext): string | undefined {
  try {
    const { owner, repo } = source.repo;
    return owner && repo ? `${owner}/${repo}` : undefined;
  } catch {
    // Neither GITHUB_REPOSITORY nor a repository in the payload.
    return undefined;
  }
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null;

/** The pull request of a pull_request* event payload, if it has one. */
function pullRequestFromEvent(payload: unknown): PullRequestContext | undefined {
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
  if (!context.repository || context.runId === undefined) return undefined;
  const attempt =
    context.runAttempt !== undefined && context.runAttempt !== 1 ? `/attempts/${context.runAttempt}` : "";
  return `${context.serverUrl}/${context.repository}/actions/runs/${context.runId}${attempt}`;
}
