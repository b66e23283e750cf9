import * as core from "@actions/core";
import {
  COMMENT_MAX_CHARS,
  JOB_SUMMARY_MAX_BYTES,
  renderJobSummary,
  type SummaryFacts,
} from "@dbt-cloud-kit/app-kit";
import type { ActionConfig } from "../config/action-config.js";
import { annotate, print } from "../github/action-log.js";
import type { GithubContext } from "../github/github-context.js";
import { commentMarker, upsertPrComment } from "../github/pr-comment.js";
import type { RunResultsReport } from "../run/results.js";

/** Room kept under GitHub's limits (a trailing newline, rounding). */
const MARGIN = 64;

/** The job summary and the PR comment, each as configured and within GitHub's size limits; neither can fail the step. */
export async function publishReport(
  config: ActionConfig,
  context: GithubContext,
  facts: SummaryFacts,
  results: RunResultsReport | undefined,
): Promise<void> {
  if (config.jobSummary) {
    try {
      const markdown = renderJobSummary(facts, results?.summary, {
        limit: { max: JOB_SUMMARY_MAX_BYTES - MARGIN, unit: "bytes" },
      });
      await core.summary.addRaw(markdown).write();
    } catch (error) {
      print.line("Job summary not written: ", (error as Error).message);
    }
  }
  const prNumber = facts.pullRequest ?? context.pullRequest?.number;
  if (config.prComment && prNumber !== undefined) {
    if (!config.githubToken || !context.repository) {
      annotate("warning", "pr-comment: no github-token or GITHUB_REPOSITORY, so no comment was written.");
      return;
    }
    try {
      const marker = commentMarker(facts.jobId);
      const body = renderJobSummary(facts, results?.summary, {
        headingLevel: 3,
        slowest: 5,
        target: "comment",
        limit: { max: COMMENT_MAX_CHARS - marker.length - MARGIN, unit: "chars" },
      });
      const { url, action } = await upsertPrComment(
        {
          token: config.githubToken,
          repository: context.repository,
          pullRequest: prNumber,
          apiUrl: context.apiUrl,
        },
        marker,
        body,
      );
      print.line(`Pull request comment ${action}: `, url);
    } catch (error) {
      annotate(
        "warning",
        `pr-comment: could not write the pull request comment: ${(error as Error).message}`,
      );
    }
  }
}
