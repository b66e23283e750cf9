import { DbtCloudCredentials } from "@dbt-cloud-kit/credentials";
import type { Dispatcher } from "undici";
import type { z } from "zod";
import type {
  ArtifactOptions,
  DownloadArtifactOptions,
  DownloadedArtifact,
  GetRunOptions,
  ListEnvironmentsFilters,
  ListJobsFilters,
  ListProjectsFilters,
  ListRunsFilters,
  PageOptions,
  RequestOptions,
} from "./client-options.js";
import { type Clock, resolveClock } from "./clock.js";
import { createDispatcher } from "./dispatcher.js";
import { DbtCloudNotFoundError, DbtCloudResponseError, DbtCloudValidationError } from "./errors.js";
import { type CreateJobInput, createJobBody, updateJobBody } from "./job-request.js";
import { type Logger, noopLogger } from "./logger.js";
import type { Envelope } from "./models/envelope.js";
import { DbtCloudJob } from "./models/job.js";
import { DbtCloudRun, DbtCloudRunFailureDetails } from "./models/run.js";
import { DbtCloudRunStep } from "./models/run-step.js";
import { DbtCloudAccount, DbtCloudEnvironment, DbtCloudProject } from "./models/scope.js";
import { type Paged, paginate } from "./paged.js";
import { checkId, encodeArtifactPath, includeRelated as related } from "./request-values.js";
import { DEFAULT_RETRY, type RetryOptions } from "./retry-policy.js";
import { streamToFile } from "./stream-to-file.js";
import { type FetchLike, type QueryValue, type RequestSpec, Transport } from "./transport.js";
import type { TriggerRunBody, TriggerRunOptions } from "./trigger-options.js";
import { type TriggerRecoveryOptions, triggerWithRecovery } from "./trigger-recovery.js";
import { USER_AGENT } from "./user-agent.js";
import { type WaitForRunOptions, waitForRun } from "./wait-for-run.js";

export interface DbtCloudClientOptions {
  credentials: DbtCloudCredentials;
  logger?: Logger | undefined;
  /** Replaces `globalThis.fetch` (looked up per call when omitted). */
  fetch?: FetchLike | undefined;
  /** undici dispatcher; default: a keep-alive agent with timeouts, through `HTTPS_PROXY` when set. */
  dispatcher?: Dispatcher | undefined;
  /** Per-request timeout. Default 30 s. */
  requestTimeoutMs?: number | undefined;
  retry?: Partial<RetryOptions> | undefined;
  /** Time source for retries and polling (tests inject a virtual clock). */
  clock?: Partial<Clock> | undefined;
  userAgent?: string | undefined;
}

/** Typed dbt Cloud Admin API client (v2, plus v3 for projects and environments). */
export class DbtCloudClient {
  readonly credentials: DbtCloudCredentials;
  readonly logger: Logger;
  readonly clock: Clock;
  readonly #http: Transport;
  readonly #v2: string;
  readonly #v3: string;
  readonly #ownDispatcher: Dispatcher | undefined;

  constructor(options: DbtCloudClientOptions) {
    if (!options?.credentials || typeof options.credentials !== "object") {
      throw new DbtCloudValidationError(
        "credentials",
        "is missing; build them with DbtCloudCredentials.parse({ accountId, token, accessUrl }) or credentialsFromEnv().",
      );
    }
    // Plain objects (e.g. from JavaScript callers) get the same validation and normalisation.
    const credentials = Object.isFrozen(options.credentials)
      ? options.credentials
      : DbtCloudCredentials.parse({
          accountId: options.credentials.accountId,
          token: options.credentials.token,
          accessUrl: options.credentials.accessUrl,
        });
    const requestTimeoutMs = options.requestTimeoutMs ?? 30_000;
    if (!Number.isFinite(requestTimeoutMs) || requestTimeoutMs <= 0) {
      throw new DbtCloudValidationError(
        "requestTimeoutMs",
        `${requestTimeoutMs} is not a positive number of ms.`,
      );
    }
    this.credentials = credentials;
    this.logger = options.logger ?? noopLogger;
    this.clock = resolveClock(options.clock);
    this.#ownDispatcher =
      options.dispatcher || options.fetch ? undefined : createDispatcher({ requestTimeoutMs });
    this.#http = new Transport({
      credentials,
      logger: this.logger,
      fetch: options.fetch,
      dispatcher: options.dispatcher ?? this.#ownDispatcher,
      requestTimeoutMs,
      retry: { ...DEFAULT_RETRY, ...options.retry },
      clock: this.clock,
      userAgent: options.userAgent ?? USER_AGENT,
    });
    this.#v2 = `/api/v2/accounts/${credentials.accountId}`;
    this.#v3 = `/api/v3/accounts/${credentials.accountId}`;
  }

  /** Closes the keep-alive connections of the dispatcher this client created (not one passed in). */
  async close(): Promise<void> {
    await this.#ownDispatcher?.close();
  }

  // ---- runs -------------------------------------------------------------------------------

  /**
   * Triggers a job run. Never re-sent blindly: after an ambiguous failure (timeout, reset, 5xx,
   * non-JSON body) it looks for a run of this job created since the attempt with the same cause and
   * adopts it; only if there is none does it trigger again. A 429 is re-sent after the server's hint.
   */
  async triggerJobRun(
    jobId: number,
    overrides: TriggerRunOptions,
    options: TriggerRecoveryOptions = {},
  ): Promise<DbtCloudRun> {
    checkId("jobId", jobId);
    const post = (body: TriggerRunBody, signal: AbortSignal | undefined) =>
      this.#data(
        { method: "POST", path: `${this.#v2}/jobs/${jobId}/run/`, body, retry: false, signal },
        DbtCloudRun,
        "run",
      );
    const recentRuns = (signal: AbortSignal | undefined) =>
      this.listRuns({
        jobDefinitionId: jobId,
        orderBy: "-id",
        includeRelated: ["trigger"],
        limit: 50,
        signal,
      });
    return triggerWithRecovery(
      { post, recentRuns, clock: this.clock, logger: this.logger },
      jobId,
      overrides,
      options,
    );
  }

  async getRun(runId: number, options: GetRunOptions = {}): Promise<DbtCloudRun> {
    checkId("runId", runId);
    return this.#data(
      {
        method: "GET",
        path: `${this.#v2}/runs/${runId}/`,
        query: { include_related: related(options.includeRelated) },
        retry: true,
        signal: options.signal,
      },
      DbtCloudRun,
      "run",
    );
  }

  /** Every run matching the filters, newest first by default, fetched page by page. */
  listRuns(filters: ListRunsFilters = {}): Paged<DbtCloudRun> {
    const query: Record<string, QueryValue> = {
      job_definition_id: filters.jobDefinitionId,
      environment_id: filters.environmentId,
      project_id: filters.projectId,
      status: filters.status,
      status__in: filters.statusIn,
      id__gt: filters.idGt,
      order_by: filters.orderBy ?? "-id",
      finished_at__range: filters.finishedAtRange,
      created_at__range: filters.createdAtRange,
      include_related: related(filters.includeRelated),
    };
    return this.#list(`${this.#v2}/runs/`, query, filters, DbtCloudRun, "run");
  }

  /** Cancels a run (asynchronous on dbt's side: poll until status 30). Safe to retry. */
  async cancelRun(runId: number, options: RequestOptions = {}): Promise<DbtCloudRun> {
    checkId("runId", runId);
    return this.#data(
      { method: "POST", path: `${this.#v2}/runs/${runId}/cancel/`, retry: true, signal: options.signal },
      DbtCloudRun,
      "run",
    );
  }

  /** Retries a failed run from the point of failure (check `can_retry` first). Not retried. */
  async retryRun(runId: number, options: RequestOptions = {}): Promise<DbtCloudRun> {
    checkId("runId", runId);
    return this.#data(
      { method: "POST", path: `${this.#v2}/runs/${runId}/retry/`, retry: false, signal: options.signal },
      DbtCloudRun,
      "run",
    );
  }

  /** Retries the job's latest run if it failed; otherwise dbt Cloud starts a full new run. Not retried. */
  async rerunJob(jobId: number, options: RequestOptions = {}): Promise<DbtCloudRun> {
    checkId("jobId", jobId);
    return this.#data(
      { method: "POST", path: `${this.#v2}/jobs/${jobId}/rerun/`, retry: false, signal: options.signal },
      DbtCloudRun,
      "run",
    );
  }

  async getRunFailureDetails(
    runId: number,
    options: RequestOptions = {},
  ): Promise<DbtCloudRunFailureDetails> {
    checkId("runId", runId);
    return this.#data(
      { method: "GET", path: `${this.#v2}/runs/${runId}/retry/`, retry: true, signal: options.signal },
      DbtCloudRunFailureDetails,
      "run failure details",
    );
  }

  async getRunStep(
    stepId: number,
    options: RequestOptions & { includeRelated?: readonly string[] | undefined } = {},
  ): Promise<DbtCloudRunStep> {
    checkId("stepId", stepId);
    return this.#data(
      {
        method: "GET",
        path: `${this.#v2}/steps/${stepId}/`,
        query: { include_related: related(options.includeRelated) },
        retry: true,
        signal: options.signal,
      },
      DbtCloudRunStep,
      "run step",
    );
  }

  /** Polls until the run is terminal; see `waitForRun`. Uses this client's clock and logger. */
  async waitForRun(runId: number, options: WaitForRunOptions = {}): Promise<DbtCloudRun> {
    checkId("runId", runId);
    return waitForRun(this, runId, { logger: this.logger, clock: this.clock, ...options });
  }

  // ---- artifacts --------------------------------------------------------------------------

  /** Artifact paths of a run (relative to dbt's `target/`); `[]` when the run saved none. */
  async listRunArtifacts(runId: number, options: RequestOptions = {}): Promise<string[]> {
    checkId("runId", runId);
    const envelope = await this.#http.json({
      method: "GET",
      path: `${this.#v2}/runs/${runId}/artifacts/`,
      retry: true,
      signal: options.signal,
    });
    if (envelope.data === null || envelope.data === undefined) return [];
    if (!Array.isArray(envelope.data) || envelope.data.some((p) => typeof p !== "string")) {
      throw this.#shapeError("GET", `${this.#v2}/runs/${runId}/artifacts/`, envelope.data, "a list of paths");
    }
    return envelope.data as string[];
  }

  /**
   * One artifact of a run: parsed JSON for `.json` paths, text otherwise. 404 (`DbtCloudNotFoundError`)
   * means the step did not produce it. Prefer `downloadRunArtifact` for large files.
   */
  async getRunArtifact(runId: number, path: string, options: ArtifactOptions = {}): Promise<unknown> {
    checkId("runId", runId);
    return this.#readArtifact(
      `${this.#v2}/runs/${runId}/artifacts/${encodeArtifactPath(path)}`,
      path,
      options,
    );
  }

  /** The latest artifact of a job (`GET /jobs/{id}/artifacts/{path}`): JSON for `.json`, text otherwise. */
  async getJobArtifact(jobId: number, path: string, options: RequestOptions = {}): Promise<unknown> {
    checkId("jobId", jobId);
    return this.#readArtifact(
      `${this.#v2}/jobs/${jobId}/artifacts/${encodeArtifactPath(path)}`,
      path,
      options,
    );
  }

  /** Streams an artifact to `toFile` (never buffered whole); the file appears only when complete. */
  async downloadRunArtifact(
    runId: number,
    path: string,
    options: DownloadArtifactOptions,
  ): Promise<DownloadedArtifact> {
    checkId("runId", runId);
    if (!options?.toFile)
      throw new DbtCloudValidationError("toFile", "is missing; pass the destination file path.");
    const spec = this.#artifactSpec(
      `${this.#v2}/runs/${runId}/artifacts/${encodeArtifactPath(path)}`,
      options,
    );
    const response = await this.#http.raw(spec);
    if (!response.body) throw this.#shapeError("GET", spec.path, "", "a file body");
    const bytes = await streamToFile(
      response.body as ReadableStream<Uint8Array>,
      options.toFile,
      options.signal,
    );
    return { path: options.toFile, bytes };
  }

  // ---- jobs -------------------------------------------------------------------------------

  listJobs(filters: ListJobsFilters = {}): Paged<DbtCloudJob> {
    const query: Record<string, QueryValue> = {
      project_id: filters.projectId,
      environment_id: filters.environmentId,
      name__icontains: filters.nameIcontains,
      order_by: filters.orderBy ?? "id",
      include_related: related(filters.includeRelated),
    };
    return this.#list(`${this.#v2}/jobs/`, query, filters, DbtCloudJob, "job");
  }

  async getJob(
    jobId: number,
    options: RequestOptions & { includeRelated?: ListJobsFilters["includeRelated"] } = {},
  ): Promise<DbtCloudJob> {
    checkId("jobId", jobId);
    return this.#data(
      {
        method: "GET",
        path: `${this.#v2}/jobs/${jobId}/`,
        query: { include_related: related(options.includeRelated) },
        retry: true,
        signal: options.signal,
      },
      DbtCloudJob,
      "job",
    );
  }

  async createJob(input: CreateJobInput, options: RequestOptions = {}): Promise<DbtCloudJob> {
    checkId("project_id", input?.project_id);
    checkId("environment_id", input?.environment_id);
    if (typeof input.name !== "string" || input.name.trim() === "") {
      throw new DbtCloudValidationError("name", "is empty; give the job a name.");
    }
    return this.#data(
      {
        method: "POST",
        path: `${this.#v2}/jobs/`,
        body: createJobBody(this.credentials.accountId, input),
        retry: false,
        signal: options.signal,
      },
      DbtCloudJob,
      "job",
    );
  }

  /**
   * Updates a job. The API replaces the whole definition, so by default the current job is read
   * and `changes` merged into it (read-only fields dropped). Pass `{ merge: false }` to send a full body.
   */
  async updateJob(
    jobId: number,
    changes: Record<string, unknown>,
    options: RequestOptions & { merge?: boolean } = {},
  ): Promise<DbtCloudJob> {
    checkId("jobId", jobId);
    const current = options.merge === false ? {} : await this.getJob(jobId, { signal: options.signal });
    return this.#data(
      {
        method: "POST",
        path: `${this.#v2}/jobs/${jobId}/`,
        body: updateJobBody(current, changes),
        retry: false,
        signal: options.signal,
      },
      DbtCloudJob,
      "job",
    );
  }

  /** Deletes a job. Resolves `false` when it was already gone (404). */
  async deleteJob(jobId: number, options: RequestOptions = {}): Promise<boolean> {
    checkId("jobId", jobId);
    try {
      await this.#http.json({
        method: "DELETE",
        path: `${this.#v2}/jobs/${jobId}/`,
        retry: true,
        signal: options.signal,
      });
      return true;
    } catch (error) {
      if (error instanceof DbtCloudNotFoundError) return false;
      throw error;
    }
  }

  /**
   * The one job whose name is exactly `name` (optionally within a project / environment).
   * Throws `DbtCloudNotFoundError` for none and `DbtCloudValidationError` for several.
   */
  async findJobByName(
    name: string,
    filters: RequestOptions & { projectId?: number | undefined; environmentId?: number | undefined } = {},
  ): Promise<DbtCloudJob> {
    if (typeof name !== "string" || name.trim() === "") {
      throw new DbtCloudValidationError("jobName", "is empty; pass the exact job name.");
    }
    const matches: DbtCloudJob[] = [];
    for await (const job of this.listJobs({ ...filters, nameIcontains: name.trim() })) {
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
        path: `${this.#v2}/jobs/`,
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

  // ---- projects, environments, account ------------------------------------------------------

  listEnvironments(projectId: number, filters: ListEnvironmentsFilters = {}): Paged<DbtCloudEnvironment> {
    checkId("projectId", projectId);
    const query: Record<string, QueryValue> = {
      name: filters.name,
      name__icontains: filters.nameIcontains,
      deployment_type: filters.deploymentType,
      order_by: "id",
    };
    return this.#list(
      `${this.#v3}/projects/${projectId}/environments/`,
      query,
      filters,
      DbtCloudEnvironment,
      "environment",
    );
  }

  listProjects(filters: ListProjectsFilters = {}): Paged<DbtCloudProject> {
    const query: Record<string, QueryValue> = { name__icontains: filters.nameIcontains, order_by: "id" };
    return this.#list(`${this.#v3}/projects/`, query, filters, DbtCloudProject, "project");
  }

  async getAccount(options: RequestOptions = {}): Promise<DbtCloudAccount> {
    return this.#data(
      { method: "GET", path: `${this.#v2}/`, retry: true, signal: options.signal },
      DbtCloudAccount,
      "account",
    );
  }

  // ---- plumbing ---------------------------------------------------------------------------

  #artifactSpec(path: string, options: ArtifactOptions): RequestSpec {
    if (options.step !== undefined) checkId("step", options.step);
    return { method: "GET", path, query: { step: options.step }, retry: true, signal: options.signal };
  }

  async #readArtifact(path: string, artifactPath: string, options: ArtifactOptions): Promise<unknown> {
    const spec = this.#artifactSpec(path, options);
    const response = await this.#http.raw(spec);
    const text = await response.text();
    if (!/\.json$/i.test(artifactPath)) return text;
    try {
      return JSON.parse(text) as unknown;
    } catch (error) {
      throw new DbtCloudResponseError({
        method: "GET",
        path: this.#http.describe(spec),
        status: response.status,
        contentType: response.headers.get("content-type") ?? undefined,
        bodyExcerpt: text.slice(0, 200),
        problem: "a .json artifact that is not valid JSON",
        cause: error,
      });
    }
  }

  async #data<S extends z.ZodType>(spec: RequestSpec, schema: S, what: string): Promise<z.infer<S>> {
    const envelope = await this.#http.json(spec);
    return this.#parse(spec, envelope.data, schema, what);
  }

  #parse<S extends z.ZodType>(
    spec: Pick<RequestSpec, "method" | "path" | "query">,
    data: unknown,
    schema: S,
    what: string,
  ): z.infer<S> {
    const parsed = schema.safeParse(data);
    if (parsed.success) return parsed.data;
    throw this.#shapeError(spec.method, this.#http.describe(spec), data, `a ${what}`, parsed.error);
  }

  #shapeError(
    method: string,
    path: string,
    data: unknown,
    expected: string,
    cause?: unknown,
  ): DbtCloudResponseError {
    let excerpt: string;
    try {
      excerpt = JSON.stringify(data)?.slice(0, 200) ?? String(data);
    } catch {
      excerpt = String(data).slice(0, 200);
    }
    const issue =
      cause instanceof Error && "issues" in cause
        ? `: ${(cause as z.ZodError).issues
            .map((i) => `${i.path.join(".")} ${i.message}`)
            .slice(0, 3)
            .join("; ")}`
        : "";
    return new DbtCloudResponseError({
      method,
      path,
      status: 200,
      bodyExcerpt: excerpt,
      problem: `data that is not ${expected}${issue}`,
      cause,
    });
  }

  #list<S extends z.ZodType>(
    path: string,
    query: Record<string, QueryValue>,
    page: PageOptions,
    schema: S,
    what: string,
  ): Paged<z.infer<S>> {
    return paginate(
      async (offset, limit) => {
        const spec: RequestSpec = {
          method: "GET",
          path,
          query: { ...query, limit, offset },
          retry: true,
          signal: page.signal,
        };
        const envelope: Envelope = await this.#http.json(spec);
        if (envelope.data === null || envelope.data === undefined) return { items: [], totalCount: 0 };
        if (!Array.isArray(envelope.data))
          throw this.#shapeError("GET", this.#http.describe(spec), envelope.data, `a list of ${what}s`);
        const items = envelope.data.map((item) => this.#parse(spec, item, schema, what));
        return { items, totalCount: envelope.extra?.pagination?.total_count ?? undefined };
      },
      { pageSize: page.pageSize, offset: page.offset, maxItems: page.limit },
    );
  }
}
