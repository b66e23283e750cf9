import { cutCause, defaultCause } from "@dbt-cloud-kit/app-kit";
import type { ActionConfig, TriggerOverrideInputs } from "../config/action-config.js";
import type { GithubContext } from "../github/github-context.js";

export interface ResolvedTrigger {
  cause: string;
  overrides: TriggerOverrideInputs;
  /** Things worth telling the user (fork PRs, values CI mode filled in). */
  notices: string[];
  warnings: string[];
}

/** The schema native dbt Cloud CI uses, and the prefix its schema cleanup looks for. */
export function ciSchemaName(jobId: number, pullRequest: number): string {
  return `dbt_cloud_pr_${jobId}_${pullRequest}`;
}

/**
 * The trigger body's cause and overrides once the job id is known. With `ci: true` on a pull request event
 * the PR number, head sha and PR schema are filled in (explicit inputs win).
 */
export function resolveTrigger(config: ActionConfig, context: GithubContext, jobId: number): ResolvedTrigger {
  const overrides: TriggerOverrideInputs = { ...config.overrides };
  const notices: string[] = [];
  const warnings: string[] = [];
  const pr = context.pullRequest;
  if (config.ci) {
    const number = overrides.pullRequestId ?? pr?.number;
    if (number !== undefined) {
      overrides.pullRequestId = number;
      if (overrides.schemaOverride === undefined) overrides.schemaOverride = ciSchemaName(jobId, number);
    }
    if (overrides.gitSha === undefined && pr !== undefined) overrides.gitSha = pr.headSha;
    notices.push(
      `CI mode: pull request #${overrides.pullRequestId}, commit ${overrides.gitSha?.slice(0, 12) ?? "(job default)"}, schema ${overrides.schemaOverride}`,
    );
    if (pr?.isFork) {
      warnings.push(
        `Pull request #${pr.number} comes from the fork ${pr.headRepo ?? "(deleted fork)"}: dbt Cloud clones the repository connected to the project, ` +
          `which does not contain the fork's commit ${pr.headSha.slice(0, 12)}, so the run will likely fail at "Clone git repository" ` +
          `with "reference is not a tree". Run CI for fork PRs after merging, or skip forks with ` +
          `if: github.event.pull_request.head.repo.fork == false.`,
      );
    }
  }
  const cause =
    config.cause !== undefined
      ? cutCause(config.cause)
      : defaultCause({
          github: {
            workflow: context.workflow,
            runNumber: context.runNumber,
            runAttempt: context.runAttempt,
            repository: context.repository,
            sha: overrides.gitSha ?? context.sha,
            pullRequest: context.pullRequest?.number,
          },
        });
  return { cause, overrides, notices, warnings };
}
