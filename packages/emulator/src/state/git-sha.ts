import { createHash } from "node:crypto";

/**
 * The commit a run checks out when its trigger names none: the same for every run of one branch in
 * one environment (as in dbt Cloud, where runs between two pushes share a commit), so caches keyed by
 * git sha behave as they would in production. A trigger's `git_sha` moves it. A pull request trigger
 * without a sha stands for a new push, so it gets a commit of its own.
 */
export function defaultGitSha(run: {
  id: number;
  projectId: number;
  environmentId: number;
  branch: string;
  pullRequestId: number | undefined;
}): string {
  const seed =
    run.pullRequestId !== undefined
      ? `commit-${run.id}`
      : `project-${run.projectId}/environment-${run.environmentId}/branch-${run.branch}`;
  return createHash("sha1").update(seed).digest("hex");
}
