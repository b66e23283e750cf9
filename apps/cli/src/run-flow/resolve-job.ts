import type { DbtCloudClient, DbtCloudJob } from "@dbt-cloud-kit/client";
import { DbtCloudNotFoundError, DbtCloudValidationError } from "@dbt-cloud-kit/client";
import { CliUsageError } from "../errors/cli-errors.js";

export type JobSelector =
  | { kind: "id"; jobId: number }
  | { kind: "name"; name: string; projectId?: number; environmentId?: number };

/** The job to run: by id (read once, for a clear 404), or by exact name, as the action resolves it. */
export async function resolveJob(
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
        throw new CliUsageError(
          [
            {
              source: "--job-name",
              problem: error.message.replace(/\.$/, ""),
              fix: "use the job's exact name (see `dbt-cloud-kit jobs`), narrow it with --project-id / --environment-id, or use --job-id",
            },
          ],
          { cause: error },
        );
      }
      throw error;
    }
  }
  try {
    return await client.getJob(selector.jobId, { signal });
  } catch (error) {
    if (error instanceof DbtCloudNotFoundError) {
      throw new JobNotFoundError(selector.jobId, error);
    }
    throw error;
  }
}

/** A 404 for the job, with what to check. */
export class JobNotFoundError extends Error {
  override readonly name = "JobNotFoundError";
  constructor(jobId: number, cause: DbtCloudNotFoundError) {
    super(
      `Job ${jobId} was not found in this dbt Cloud account. Check --job-id (the number in the job's URL), ` +
        "--account-id, and that the token has access to the job's project.",
      { cause },
    );
  }
}
