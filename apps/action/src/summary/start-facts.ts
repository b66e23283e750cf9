import { actionStatusOf, type SummaryFacts } from "@dbt-cloud-kit/app-kit";
import type { DbtCloudJob, DbtCloudRun } from "@dbt-cloud-kit/client";
import { type GithubContext, workflowRunUrl } from "../github/github-context.js";

/** How the run was obtained, as the summary tells it. */
export interface RunStart {
  run: DbtCloudRun;
  how: SummaryFacts["how"];
  notes: readonly string[];
}

/**
 * The summary facts known once the run exists: the job, how the run was obtained and why, and where the
 * workflow run is. The PR number and schema override are shown only for a run this step triggered.
 */
export function startFacts(
  context: GithubContext,
  job: DbtCloudJob,
  started: RunStart,
  trigger: { cause: string; overrides: { pullRequestId?: number; schemaOverride?: string } },
): SummaryFacts {
  const facts: SummaryFacts = {
    status: actionStatusOf(started.run.status),
    jobId: job.id,
    how: started.how,
    cause: trigger.cause,
    notes: [...started.notes],
    warnings: [],
  };
  if (job.name) facts.jobName = job.name;
  const { pullRequestId, schemaOverride } = trigger.overrides;
  if (pullRequestId !== undefined && started.how === "triggered") facts.pullRequest = pullRequestId;
  if (schemaOverride !== undefined && started.how === "triggered") facts.schemaOverride = schemaOverride;
  const url = workflowRunUrl(context);
  if (url) facts.workflowRunUrl = url;
  return facts;
}
