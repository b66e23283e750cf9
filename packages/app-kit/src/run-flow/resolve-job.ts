import type { DbtCloudClient, DbtCloudJob } from "@dbt-cloud-kit/client";
import { DbtCloudNotFoundError, DbtCloudValidationError } from "@dbt-cloud-kit/client";
import type { OptionSpelling } from "./flow-log.js";

/** Which job to run: by id, or by exact name (optionally narrowed to a project / environment). */
export type JobSelector =
  | { kind: "id"; jobId: number }
  | { kind: "name"; name: string; projectId?: number; environmentId?: number };

/**
 * Why the selected job could not be found: `id-not-found` (a 404 for the id), or `name-not-matched` (no job,
 * or more than one, has that exact name). `detail` is dbt Cloud's / the client's own message; the message
 * names the option in the app's spelling. Apps map the kinds to their own errors (the CLI's name problems
 * are usage errors).
 */
export class JobSelectionError extends Error {
  override readonly name = "JobSelectionError";
  readonly kind: "id-not-found" | "name-not-matched";
  readonly detail: string;

  constructor(
    kind: JobSelectionError["kind"],
    message: string,
    detail: string,
    cause: DbtCloudNotFoundError | DbtCloudValidationError,
  ) {
    super(message, { cause });
    this.kind = kind;
    this.detail = detail;
  }
}

/** The job to run: by id (read once, for a clear 404 and the summary), or by exact name. */
export async function resolveJob(
  client: Pick<DbtCloudClient, "findJobByName" | "getJob">,
  selector: JobSelector,
  spell: OptionSpelling,
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
        throw new JobSelectionError(
          "name-not-matched",
          `${spell("job-name")}: ${error.message}`,
          error.message,
          error,
        );
      }
      throw error;
    }
  }
  try {
    return await client.getJob(selector.jobId, { signal });
  } catch (error) {
    if (error instanceof DbtCloudNotFoundError) {
      throw new JobSelectionError(
        "id-not-found",
        `Job ${selector.jobId} was not found in this dbt Cloud account. Check ${spell("job-id")} (the number in the job's URL), ` +
          `${spell("account-id")}, and that the token has access to the job's project.`,
        error.message,
        error,
      );
    }
    throw error;
  }
}
