import { Octokit } from "@octokit/core";
import { print } from "./action-log.js";

export interface PrCommentTarget {
  token: string;
  /** `owner/name`. */
  repository: string;
  pullRequest: number;
  apiUrl: string;
}

/** Hidden marker that identifies our comment for this job, so later runs update it instead of adding more. */
export function commentMarker(jobId: number): string {
  return `<!-- dbt-cloud-kit:job-${jobId} -->`;
}

interface CommentAuthor {
  login: string;
  type?: string;
}

interface IssueComment {
  id: number;
  body?: string;
  html_url: string;
  user?: CommentAuthor | null;
}

/**
 * Who the token posts as. A personal access token (or a user's token) answers `GET /user`. An installation
 * token cannot (403 "Resource not accessible by integration", or 401/404 on some servers): that is the
 * workflow's GITHUB_TOKEN, whose comments GitHub attributes to the `github-actions[bot]` user. A token of
 * another GitHub App also lands here; its earlier comments are then not recognised and a new comment is
 * written, which is the safe side (never another author's comment).
 */
export const GITHUB_TOKEN_AUTHOR: CommentAuthor = { login: "github-actions[bot]", type: "Bot" };

async function postingIdentity(octokit: Octokit): Promise<CommentAuthor> {
  try {
    const { data } = await octokit.request("GET /user");
    const user = data as CommentAuthor;
    return { login: user.login, ...(user.type ? { type: user.type } : {}) };
  } catch (error) {
    const status = (error as { status?: number }).status;
    if (status === 401 || status === 403 || status === 404) return GITHUB_TOKEN_AUTHOR;
    throw error;
  }
}

function writtenBy(comment: IssueComment, author: CommentAuthor): boolean {
  const user = comment.user;
  if (!user || user.login.toLowerCase() !== author.login.toLowerCase()) return false;
  return author.type === undefined || user.type === undefined || user.type === author.type;
}

const PAGE = 100;

/**
 * Creates the pull request comment, or updates the one that starts with the marker AND was written by the
 * identity this token posts as (anyone can paste a marker into a comment). Returns its URL.
 */
export async function upsertPrComment(
  target: PrCommentTarget,
  marker: string,
  body: string,
): Promise<{ url: string; action: "created" | "updated" }> {
  const [owner, repo] = target.repository.split("/");
  if (!owner || !repo) throw new Error(`GITHUB_REPOSITORY "${target.repository}" is not owner/name`);
  const octokit = new Octokit({
    auth: target.token,
    baseUrl: target.apiUrl,
    userAgent: "dbt-cloud-kit-action",
    // Octokit's own warnings (deprecations) carry server text: through the printer, not raw console.
    log: {
      debug: () => undefined,
      info: () => undefined,
      warn: (message: string) => print.line("GitHub API: ", message),
      error: (message: string) => print.line("GitHub API: ", message),
    },
    // Octokit always goes through the runtime's fetch (looked up per call, so msw can intercept it).
    request: { fetch: (...args: Parameters<typeof fetch>) => globalThis.fetch(...args) },
  });
  const author = await postingIdentity(octokit);
  const fullBody = `${marker}\n${body}`;
  let existing: IssueComment | undefined;
  for (let page = 1; existing === undefined; page++) {
    const { data } = await octokit.request("GET /repos/{owner}/{repo}/issues/{issue_number}/comments", {
      owner,
      repo,
      issue_number: target.pullRequest,
      per_page: PAGE,
      page,
    });
    const comments = data as IssueComment[];
    existing = comments.find((c) => c.body?.startsWith(marker) && writtenBy(c, author));
    if (comments.length < PAGE) break;
  }
  if (existing) {
    const { data } = await octokit.request("PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}", {
      owner,
      repo,
      comment_id: existing.id,
      body: fullBody,
    });
    return { url: (data as IssueComment).html_url, action: "updated" };
  }
  const { data } = await octokit.request("POST /repos/{owner}/{repo}/issues/{issue_number}/comments", {
    owner,
    repo,
    issue_number: target.pullRequest,
    body: fullBody,
  });
  return { url: (data as IssueComment).html_url, action: "created" };
}
