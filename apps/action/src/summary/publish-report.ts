import * as core from "@actions/core";
import { renderJobSummary, type SummaryFacts } from "@dbt-cloud-kit/app-kit";
import type { ActionConfig } from "../config/action-config.js";
import type { GithubContext } from "../github/github-context.js";
import { commentMarker, upsertPrComment } from "../github/pr-comment.js";
import type { RunResultsReport } from "../run/results.js";
import { annotationsFor } from "./annotations.js";

/** Annotations, the job summary and the PR comment, each as configured; none of them can fail the step. */
export async function publishReport(
  config: ActionConfig,
  context: GithubContext,
  facts: SummaryFacts,
  results: RunResultsReport | undefined,
): Promise<void> {
  if (config.annotations && results) {
    for (const a of annotationsFor(results.summary)) {
      const props = { title: a.title, ...(a.file ? { file: a.file } : {}) };
      if (a.level === "error") core.error(a.message, props);
      else core.warning(a.message, props);
    }
  }
  if (config.jobSummary) {
    try {
      await core.summary.addRaw(renderJobSummary(facts, results?.summary)).write();
    } catch (error) {
      core.info(`Job summary not written: ${(error as Error).message}`);
    }
  }
  const prNumber = facts.pullRequest ?? context.pullRequest?.number;
  if (config.prComment && prNumber !== undefined) {
    if (!config.githubToken || !context.repository) {
      core.warning("pr-comment: no github-token or GITHUB_REPOSITORY, so no comment was written.");
      return;
    }
    try {
      const body = renderJobSummary(facts, results?.summary, { headingLevel: 3, slowest: 5 });
      const { url, action } = await upsertPrComment(
        {
          token: config.githubToken,
          repository: context.repository,
          pullRequest: prNumber,
          apiUrl: context.apiUrl,
        },
        commentMarker(facts.jobId),
        body,
      );
      core.info(`Pull request comment ${action}: ${url}`);
    } catch (error) {
      core.warning(`pr-comment: could not write the pull request comment: ${(error as Error).message}`);
    }
  }
}
