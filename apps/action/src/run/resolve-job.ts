import * as core from "@actions/core";
import type { DbtCloudClient, DbtCloudJob } from "@dbt-cloud-kit/client";
import { DbtCloudNotFoundError, DbtCloudValidationError } from "@dbt-cloud-kit/client";
import type { JobSelector } from "../config/action-config.js";
import { print } from "../github/action-log.js";

/** The pipeline's first step: the job to run, in its own log group with one line naming it. */
export function resolveJob(
  client: DbtCloudClient,
  selector: JobSelector,
  signal: AbortSignal,
): Promise<DbtCloudJob> {
  return core.group("Resolve the dbt Cloud job", async () => {
    const job = await findJob(client, selector, signal);
    print.line(
      `Job ${job.id}`,
      `${job.name ? ` "${job.name}"` : ""}${job.job_type ? ` (${job.job_type})` : ""}`,
    );
    return job;
  });
}

/** By id (read once, for a clear 404 and the summary), or by exact name. */
async function findJob(
  client: DbtCloudClient,
  selector: JobSelector,
  signal: AbortSignal,
): Promise<DbtCloudJob> {
  if (selector.kind === "name") {
    const filters: { projectId?: number; environmentId?: number } = {};
    if (selector.projectId !== undefined) filters.projectId = selector.projectId;
    if (selector.environmentId !== undefined) filters.environmentId = selector.environmentId;
    try {
      return await client.findJobByName(selector.name, { ...filters, signal });
    } catch (error) {
      if (error instanceof DbtCloudNotFoundError || error instanceof DbtCloudValidationError) {
        throw new Error(`job-name: ${error.message}`, { cause: error });
      }
      throw error;
    }
  }
  try {
    return await client.getJob(selector.jobId, { signal });
  } catch (error) {
    if (error instanceof DbtCloudNotFoundError) {
      throw new Error(
        `Job ${selector.jobId} was not found in this dbt Cloud account. Check job-id (the number in the job's URL), ` +
          "account-id, and that the token has access to the job's project.",
        { cause: error },
      );
    }
    throw error;
  }
}
