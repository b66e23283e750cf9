import { getOctokit } from "@actions/github";

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

/** Creates the pull request comment, or updates the one carrying the marker. Returns its URL. */
export async function upsertPrComment(
  target: PrCommentTarget,
  marker: string,
  body: string,
): Promise<{ url: string; action: "created" | "updated" }> {
  const [owner, repo] = target.repository.split("/");
  if (!owner || !repo) throw new Error(`GITHUB_REPOSITORY "${target.repository}" is not owner/name`);
  const octokit = getOctokit(target.token, {
    baseUrl: target.apiUrl,
    // Octokit always goes through the runtime's fetch (proxy-free, testable with msw).
    request: { fetch: (...args: Parameters<typeof fetch>) => globalThis.fetch(...args) },
  });
  const fullBody = `${marker}\n${body}`;
  const comments = await octokit.paginate(octokit.rest.issues.listComments, {
    owner,
    repo,
    issue_number: target.pullRequest,
    per_page: 100,
  });
  const existing = comments.find((c) => c.body?.includes(marker));
  if (existing) {
    const { data } = await octokit.rest.issues.updateComment({
      owner,
      repo,
      comment_id: existing.id,
      body: fullBody,
    });
    return { url: data.html_url, action: "updated" };
  }
  const { data } = await octokit.rest.issues.createComment({
    owner,
    repo,
    issue_number: target.pullRequest,
    body: fullBody,
  });
  return { url: data.html_url, action: "created" };
}
