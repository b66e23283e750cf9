import { DbtCloudCredentials } from "@dbt-cloud-kit/credentials";
import type { Dispatcher } from "undici";
import type {
  ArtifactOptions,
  DownloadArtifactOptions,
  DownloadedArtifact,
  GetRunOptions,
  ListEnvironmentsFilters,
  ListJobsFilters,
  ListProjectsFilters,
  ListRunsFilters,
  RequestOptions,
} from "./client-options.js";
import { type Clock, resolveClock } from "./clock.js";
import { ApiCore } from "./core/api-core.js";
import { createDispatcher } from "./core/dispatcher.js";
import type { Paged } from "./core/paged.js";
import { checkId } from "./core/request-values.js";
import { type FetchLike, Transport } from "./core/transport.js";
import { USER_AGENT } from "./core/user-agent.js";
import { DbtCloudValidationError } from "./errors.js";
import { type Logger, noopLogger } from "./logger.js";
import type { DbtCloudJob } from "./models/job.js";
import type { DbtCloudRun, DbtCloudRunFailureDetails } from "./models/run.js";
import type { DbtCloudRunStep } from "./models/run-step.js";
import type { DbtCloudAccount, DbtCloudEnvironment, DbtCloudProject } from "./models/scope.js";
import { AccountResource } from "./resources/account.js";
import { ArtifactsResource } from "./resources/artifacts.js";
import type { CreateJobInput, UpdateJobInput } from "./resources/job-body.js";
import { JobsResource } from "./resources/jobs.js";
import { RunsResource } from "./resources/runs.js";
import { DEFAULT_RETRY, type RetryOptions } from "./retry-policy.js";
import type { RetryRecoveryOptions } from "./retry-recovery.js";
import type { TriggerRunOptions } from "./trigger-options.js";
import type { TriggerRecoveryOptions } from "./trigger-recovery.js";
import { type WaitForRunOptions, waitForRun } from "./wait-for-run.js";

/** How a `DbtCloudClient` reaches dbt Cloud. Only `credentials` is required. */
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

/**
 * Typed dbt Cloud Admin API client (v2, plus v3 for projects and environments): one method per
 * endpoint, over resources (runs, jobs, artifacts, account) that share one request core.
 */
export class DbtCloudClient {
  readonly credentials: DbtCloudCredentials;
  readonly logger: Logger;
  readonly clock: Clock;
  readonly #ownDispatcher: Dispatcher | undefined;
  readonly #runs: RunsResource;
  readonly #jobs: JobsResource;
  readonly #artifacts: ArtifactsResource;
  readonly #account: AccountResource;

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
    const http = new Transport({
      credentials,
      logger: this.logger,
      fetch: options.fetch,
      dispatcher: options.dispatcher ?? this.#ownDispatcher,
      requestTimeoutMs,
      retry: { ...DEFAULT_RETRY, ...options.retry },
      clock: this.clock,
      userAgent: options.userAgent ?? USER_AGENT,
    });
    const core = new ApiCore(http, credentials.accountId, this.clock, this.logger);
    this.#runs = new RunsResource(core);
    this.#jobs = new JobsResource(core);
    this.#artifacts = new ArtifactsResource(core);
    this.#account = new AccountResource(core);
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
  triggerJobRun(
    jobId: number,
    overrides: TriggerRunOptions,
    options: TriggerRecoveryOptions = {},
  ): Promise<DbtCloudRun> {
    return this.#runs.trigger(jobId, overrides, options);
  }

  getRun(runId: number, options: GetRunOptions = {}): Promise<DbtCloudRun> {
    return this.#runs.get(runId, options);
  }

  /** Every run matching the filters, newest first by default, fetched page by page. */
  listRuns(filters: ListRunsFilters = {}): Paged<DbtCloudRun> {
    return this.#runs.list(filters);
  }

  /** Cancels a run (asynchronous on dbt's side: poll until status 30). Safe to retry. */
  cancelRun(runId: number, options: RequestOptions = {}): Promise<DbtCloudRun> {
    return this.#runs.cancel(runId, options);
  }

  /**
   * Retries a failed run from the point of failure (check `can_retry` first): one POST, never re-sent.
   * Prefer `retryFailedRun`, which recovers the run when the answer is lost.
   */
  retryRun(runId: number, options: RequestOptions = {}): Promise<DbtCloudRun> {
    return this.#runs.retry(runId, options);
  }

  /**
   * Retries a failed run from the point of failure, recovering a lost answer as `triggerJobRun` does:
   * after an ambiguous failure it adopts the run the retry started (a later run of the job, created
   * since the attempt, of the same pull request) and only re-sends the retry when there is none.
   */
  retryFailedRun(runId: number, options: RetryRecoveryOptions = {}): Promise<DbtCloudRun> {
    return this.#runs.retryWithRecovery(runId, options);
  }

  /** Retries the job's latest run if it failed; otherwise dbt Cloud starts a full new run. Not retried. */
  rerunJob(jobId: number, options: RequestOptions = {}): Promise<DbtCloudRun> {
    return this.#runs.rerunJob(jobId, options);
  }

  /** Which step failed and which were skipped (`GET /runs/{id}/retry/`). */
  getRunFailureDetails(runId: number, options: RequestOptions = {}): Promise<DbtCloudRunFailureDetails> {
    return this.#runs.failureDetails(runId, options);
  }

  getRunStep(
    stepId: number,
    options: RequestOptions & { includeRelated?: readonly string[] | undefined } = {},
  ): Promise<DbtCloudRunStep> {
    return this.#runs.getStep(stepId, options);
  }

  /** Polls until the run is terminal; see `waitForRun`. Uses this client's clock and logger. */
  async waitForRun(runId: number, options: WaitForRunOptions = {}): Promise<DbtCloudRun> {
    checkId("runId", runId);
    return waitForRun(this, runId, { logger: this.logger, clock: this.clock, ...options });
  }

  // ---- artifacts --------------------------------------------------------------------------

  /** Artifact paths of a run (relative to dbt's `target/`); `[]` when the run saved none. */
  listRunArtifacts(runId: number, options: RequestOptions = {}): Promise<string[]> {
    return this.#artifacts.list(runId, options);
  }

  /**
   * One artifact of a run: parsed JSON for `.json` paths, text otherwise. 404 (`DbtCloudNotFoundError`)
   * means the step did not produce it. Prefer `downloadRunArtifact` for large files.
   */
  getRunArtifact(runId: number, path: string, options: ArtifactOptions = {}): Promise<unknown> {
    return this.#artifacts.getRunArtifact(runId, path, options);
  }

  /** The latest artifact of a job (`GET /jobs/{id}/artifacts/{path}`): JSON for `.json`, text otherwise. */
  getJobArtifact(jobId: number, path: string, options: Omit<ArtifactOptions, "step"> = {}): Promise<unknown> {
    return this.#artifacts.getJobArtifact(jobId, path, options);
  }

  /** Streams an artifact to `toFile` (never buffered whole); the file appears only when complete. */
  downloadRunArtifact(
    runId: number,
    path: string,
    options: DownloadArtifactOptions,
  ): Promise<DownloadedArtifact> {
    return this.#artifacts.download(runId, path, options);
  }

  // ---- jobs -------------------------------------------------------------------------------

  /** Every job matching the filters, by id, fetched page by page. */
  listJobs(filters: ListJobsFilters = {}): Paged<DbtCloudJob> {
    return this.#jobs.list(filters);
  }

  getJob(
    jobId: number,
    options: RequestOptions & { includeRelated?: ListJobsFilters["includeRelated"] } = {},
  ): Promise<DbtCloudJob> {
    return this.#jobs.get(jobId, options);
  }

  /** Creates a job (camelCase input; the API's required fields get defaults for an API-driven job). Not retried. */
  createJob(input: CreateJobInput, options: RequestOptions = {}): Promise<DbtCloudJob> {
    return this.#jobs.create(input, options);
  }

  /**
   * Updates a job. The API replaces the whole definition, so by default the current job is read
   * and `changes` merged into it (read-only fields dropped). Pass `{ merge: false }` to send only `changes`.
   */
  updateJob(
    jobId: number,
    changes: UpdateJobInput,
    options: RequestOptions & { merge?: boolean } = {},
  ): Promise<DbtCloudJob> {
    return this.#jobs.update(jobId, changes, options);
  }

  /** Deletes a job. Resolves `false` when it was already gone (404). */
  deleteJob(jobId: number, options: RequestOptions = {}): Promise<boolean> {
    return this.#jobs.delete(jobId, options);
  }

  /**
   * The one job whose name is exactly `name` (optionally within a project / environment).
   * Throws `DbtCloudNotFoundError` for none and `DbtCloudValidationError` for several.
   */
  findJobByName(
    name: string,
    filters: RequestOptions & { projectId?: number | undefined; environmentId?: number | undefined } = {},
  ): Promise<DbtCloudJob> {
    return this.#jobs.findByName(name, filters);
  }

  // ---- projects, environments, account ------------------------------------------------------

  listEnvironments(projectId: number, filters: ListEnvironmentsFilters = {}): Paged<DbtCloudEnvironment> {
    return this.#account.listEnvironments(projectId, filters);
  }

  listProjects(filters: ListProjectsFilters = {}): Paged<DbtCloudProject> {
    return this.#account.listProjects(filters);
  }

  getAccount(options: RequestOptions = {}): Promise<DbtCloudAccount> {
    return this.#account.get(options);
  }
}
