import type { ListJobsFilters, RequestOptions } from "../client-options.js";
import type { ApiCore } from "../core/api-core.js";
import type { Paged } from "../core/paged.js";
import { checkId, includeRelated as related } from "../core/request-values.js";
import type { QueryValue } from "../core/transport.js";
import { DbtCloudNotFoundError, DbtCloudValidationError } from "../errors.js";
import { DbtCloudJob } from "../models/job.js";
import { type CreateJobInput, createJobBody, type UpdateJobInput, updateJobBody } from "./job-body.js";

/** Jobs: list, read, create, update (read-merge-write), delete, find by exact name. */
export class JobsResource {
  readonly #core: ApiCore;

  constructor(core: ApiCore) {
    this.#core = core;
  }

  list(filters: ListJobsFilters): Paged<DbtCloudJob> {
    const query: Record<string, QueryValue> = {
      project_id: filters.projectId,
      environment_id: filters.environmentId,
      name__icontains: filters.nameIcontains,
      order_by: filters.orderBy ?? "id",
      include_related: related(filters.includeRelated),
    };
    return this.#core.list(`${this.#core.v2}/jobs/`, query, filters, DbtCloudJob, "job");
  }

  async get(
    jobId: number,
    options: RequestOptions & { includeRelated?: ListJobsFilters["includeRelated"] },
  ): Promise<DbtCloudJob> {
    checkId("jobId", jobId);
    const core = this.#core;
    return core.data(
      {
        method: "GET",
        path: `${core.v2}/jobs/${jobId}/`,
        query: { include_related: related(options.includeRelated) },
        retry: true,
        signal: options.signal,
      },
      DbtCloudJob,
      "job",
    );
  }

  async create(input: CreateJobInput, options: RequestOptions): Promise<DbtCloudJob> {
    if (typeof input !== "object" || input === null || Array.isArray(input)) {
      throw new DbtCloudValidationError(
        "input",
        "is not an object of job fields ({ projectId, environmentId, name }).",
      );
    }
    const core = this.#core;
    const body = createJobBody(core.accountId, input);
    checkId("projectId", input.projectId);
    checkId("environmentId", input.environmentId);
    if (typeof input.name !== "string" || input.name.trim() === "") {
      throw new DbtCloudValidationError("name", "is empty; give the job a name.");
    }
    return core.data(
      {
        method: "POST",
        path: `${core.v2}/jobs/`,
        body,
        retry: false,
        signal: options.signal,
      },
      DbtCloudJob,
      "job",
    );
  }

  async update(
    jobId: number,
    changes: UpdateJobInput,
    options: RequestOptions & { merge?: boolean },
  ): Promise<DbtCloudJob> {
    checkId("jobId", jobId);
    if (typeof changes !== "object" || changes === null || Array.isArray(changes)) {
      throw new DbtCloudValidationError("changes", "is not an object of job fields.");
    }
    // Validate (and map) before reading the current job, so bad input sends no request.
    updateJobBody({}, changes);
    const current = options.merge === false ? {} : await this.get(jobId, { signal: options.signal });
    const core = this.#core;
    return core.data(
      {
        method: "POST",
        path: `${core.v2}/jobs/${jobId}/`,
        body: updateJobBody(current, changes),
        retry: false,
        signal: options.signal,
      },
      DbtCloudJob,
      "job",
    );
  }

  async delete(jobId: number, options: RequestOptions): Promise<boolean> {
    checkId("jobId", jobId);
    try {
      await this.#core.http.json({
        method: "DELETE",
        path: `${this.#core.v2}/jobs/${jobId}/`,
        retry: true,
        signal: options.signal,
      });
      return true;
    } catch (error) {
      if (error instanceof DbtCloudNotFoundError) return false;
      throw error;
    }
  }

  async findByName(
    name: string,
    filters: RequestOptions & { projectId?: number | undefined; environmentId?: number | undefined },
  ): Promise<DbtCloudJob> {
    if (typeof name !== "string" || name.trim() === "") {
      throw new DbtCloudValidationError("jobName", "is empty; pass the exact job name.");
    }
    const matches: DbtCloudJob[] = [];
    for await (const job of this.list({ ...filters, nameIcontains: name.trim() })) {
      if (job.name === name.trim()) matches.push(job);
    }
    const scope = [
      filters.projectId ? `project ${filters.projectId}` : "",
      filters.environmentId ? `environment ${filters.environmentId}` : "",
    ]
      .filter(Boolean)
      .join(", ");
    if (matches.length === 0) {
      throw new DbtCloudNotFoundError({
        status: 404,
        method: "GET",
        path: `${this.#core.v2}/jobs/`,
        userMessage: `No job named ${JSON.stringify(name)}${scope ? ` in ${scope}` : ""}`,
        hint: "Check the exact job name (case and spaces matter), the project/environment ids, and the token's project access",
      });
    }
    if (matches.length > 1) {
      throw new DbtCloudValidationError(
        "jobName",
        `${JSON.stringify(name)} matches ${matches.length} jobs (ids ${matches.map((j) => j.id).join(", ")})${
          scope ? ` in ${scope}` : ""
        }. Pass job-id, or narrow with project-id / environment-id.`,
      );
    }
    return matches[0] as DbtCloudJob;
  }
}
