/** Options and filters of `DbtCloudClient` methods (camelCase; mapped to the API's query parameters). */

export interface RequestOptions {
  signal?: AbortSignal | undefined;
}

export type RunRelated =
  | "trigger"
  | "job"
  | "environment"
  | "repository"
  | "run_steps"
  | "run_retries"
  | "used_repo_cache"
  | "repo_cache_restore"
  | "audit"
  | "debug_logs";

export interface GetRunOptions extends RequestOptions {
  includeRelated?: readonly RunRelated[] | undefined;
}

export interface PageOptions extends RequestOptions {
  /** Items per request, at most 100 (the default). */
  pageSize?: number | undefined;
  offset?: number | undefined;
  /** Stop after this many items in total. */
  limit?: number | undefined;
}

export type RunsOrderBy = "id" | "-id" | "created_at" | "-created_at" | "finished_at" | "-finished_at";

export interface ListRunsFilters extends PageOptions {
  jobDefinitionId?: number | undefined;
  environmentId?: number | undefined;
  projectId?: number | undefined;
  status?: number | undefined;
  statusIn?: readonly number[] | undefined;
  idGt?: number | undefined;
  /** Default `-id` (newest first); the API's own default is oldest first. */
  orderBy?: RunsOrderBy | undefined;
  /** `[lower, upper]` ISO-8601 datetimes. */
  finishedAtRange?: readonly [string, string] | undefined;
  createdAtRange?: readonly [string, string] | undefined;
  includeRelated?: readonly ("trigger" | "job" | "audit" | "debug_logs")[] | undefined;
}

export interface ListJobsFilters extends PageOptions {
  projectId?: number | undefined;
  environmentId?: number | undefined;
  nameIcontains?: string | undefined;
  orderBy?: string | undefined;
  includeRelated?:
    | readonly (
        | "environment"
        | "custom_environment_variables"
        | "most_recent_run"
        | "most_recent_completed_run"
      )[]
    | undefined;
}

export interface ListEnvironmentsFilters extends PageOptions {
  name?: string | undefined;
  nameIcontains?: string | undefined;
  deploymentType?: "production" | "staging" | undefined;
}

export interface ListProjectsFilters extends PageOptions {
  nameIcontains?: string | undefined;
}

export interface ArtifactOptions extends RequestOptions {
  /** 1-based step index; default: the run's last step (see `chooseArtifactStep`). */
  step?: number | undefined;
  /**
   * `getRunArtifact` / `getJobArtifact` only: the largest body read into memory, in bytes (default and
   * maximum: the longest string Node can hold, about 512 MiB). A larger artifact is a
   * `DbtCloudTooLargeError` naming it and its size; `downloadRunArtifact` streams any size to a file.
   */
  maxBytes?: number | undefined;
}

export interface DownloadArtifactOptions extends ArtifactOptions {
  /** Destination file; parent directories are created. Written to a temp file, then renamed. */
  toFile: string;
}

export interface DownloadedArtifact {
  path: string;
  bytes: number;
}
