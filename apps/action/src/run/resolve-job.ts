import * as core from "@actions/core";
import { resolveJob as findJob, inputSpelling } from "@dbt-cloud-kit/app-kit";
import type { DbtCloudClient, DbtCloudJob } from "@dbt-cloud-kit/client";
import type { JobSelector } from "../config/action-config.js";
import { print } from "../github/action-log.js";

/**
 * The pipeline's first step: the job to run (app-kit's lookup; its JobSelectionError already names the
 * input), in its own log group with one line naming it.
 */
export function resolveJob(
  client: DbtCloudClient,
  selector: JobSelector,
  signal: AbortSignal,
): Promise<DbtCloudJob> {
  return core.group("Resolve the dbt Cloud job", async () => {
    const job = await findJob(client, selector, inputSpelling, signal);
    print.line(
      `Job ${job.id}`,
      `${job.name ? ` "${job.name}"` : ""}${job.job_type ? ` (${job.job_type})` : ""}`,
    );
    return job;
  });
}
