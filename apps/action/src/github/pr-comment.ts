import { Octokit } from "@octokit/core";

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

interface IssueComment {
  id: number;
  body?: string;
  html_url: string;
}

const PAGE = 100;

/** Creates the pull request comment, or updates the one carrying the marker. Returns its URL. */
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
    // Octokit always goes through the runtime's fetch (looked up per call, so msw can intercept it).
    request: { fetch: (...args: Parameters<typeof fetch>) => globalThis.fetch(...args) },
  });
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
    existing = comments.find((c) => c.body?.includes(marker));
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
