import type { GetRunOptions, ListRunsFilters, RequestOptions } from "../client-options.js";
import type { ApiCore } from "../core/api-core.js";
import type { Paged } from "../core/paged.js";
import { checkId, includeRelated as related } from "../core/request-values.js";
import type { QueryValue } from "../core/transport.js";
import { DbtCloudRun, DbtCloudRunFailureDetails } from "../models/run.js";
import { DbtCloudRunStep } from "../models/run-step.js";
import { type RetryRecoveryOptions, retryWithRecovery } from "../retry-recovery.js";
import type { TriggerRunBody, TriggerRunOptions } from "../trigger-options.js";
import { type TriggerRecoveryOptions, triggerWithRecovery } from "../trigger-recovery.js";

/** Runs: trigger (with lost-response recovery), read, list, cancel, retry, rerun, failure details, steps. */
export class RunsResource {
  readonly #core: ApiCore;

  constructor(core: ApiCore) {
    this.#core = core;
  }

  async trigger(
    jobId: number,
    overrides: TriggerRunOptions,
    options: TriggerRecoveryOptions,
  ): Promise<DbtCloudRun> {
    checkId("jobId", jobId);
    const core = this.#core;
    const post = (body: TriggerRunBody, signal: AbortSignal | undefined) =>
      core.data(
        { method: "POST", path: `${core.v2}/jobs/${jobId}/run/`, body, retry: false, signal },
        DbtCloudRun,
        "run",
      );
    const recentRuns = (signal: AbortSignal | undefined) =>
      this.list({ jobDefinitionId: jobId, orderBy: "-id", includeRelated: ["trigger"], limit: 50, signal });
    return triggerWithRecovery(
      { post, recentRuns, clock: core.clock, logger: core.logger },
      jobId,
      overrides,
      options,
    );
  }

  async get(runId: number, options: GetRunOptions): Promise<DbtCloudRun> {
    checkId("runId", runId);
    const core = this.#core;
    return core.data(
      {
        method: "GET",
        path: `${core.v2}/runs/${runId}/`,
        query: { include_related: related(options.includeRelated) },
        retry: true,
        signal: options.signal,
      },
      DbtCloudRun,
      "run",
    );
  }

  list(filters: ListRunsFilters): Paged<DbtCloudRun> {
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
    return this.#core.list(`${this.#core.v2}/runs/`, query, filters, DbtCloudRun, "run");
  }

  async cancel(runId: number, options: RequestOptions): Promise<DbtCloudRun> {
    checkId("runId", runId);
    return this.#post(`/runs/${runId}/cancel/`, true, options);
  }

  async retry(runId: number, options: RequestOptions): Promise<DbtCloudRun> {
    checkId("runId", runId);
    return this.#post(`/runs/${runId}/retry/`, false, options);
  }

  async retryWithRecovery(runId: number, options: RetryRecoveryOptions): Promise<DbtCloudRun> {
    checkId("runId", runId);
    const core = this.#core;
    return retryWithRecovery(
      {
        post: (signal) => this.#post(`/runs/${runId}/retry/`, false, { signal }),
        getRun: (id, signal) => this.get(id, { includeRelated: ["trigger"], signal }),
        recentRuns: (jobId, signal) =>
          this.list({
            jobDefinitionId: jobId,
            orderBy: "-id",
            includeRelated: ["trigger"],
            limit: 50,
            signal,
          }),
        clock: core.clock,
        logger: core.logger,
      },
      runId,
      options,
    );
  }

  async rerunJob(jobId: number, options: RequestOptions): Promise<DbtCloudRun> {
    checkId("jobId", jobId);
    return this.#post(`/jobs/${jobId}/rerun/`, false, options);
  }

  async failureDetails(runId: number, options: RequestOptions): Promise<DbtCloudRunFailureDetails> {
    checkId("runId", runId);
    const core = this.#core;
    return core.data(
      { method: "GET", path: `${core.v2}/runs/${runId}/retry/`, retry: true, signal: options.signal },
      DbtCloudRunFailureDetails,
      "run failure details",
    );
  }

  async getStep(
    stepId: number,
    options: RequestOptions & { includeRelated?: readonly string[] | undefined },
  ): Promise<DbtCloudRunStep> {
    checkId("stepId", stepId);
    const core = this.#core;
    return core.data(
      {
        method: "GET",
        path: `${core.v2}/steps/${stepId}/`,
        query: { include_related: related(options.includeRelated) },
        retry: true,
        signal: options.signal,
      },
      DbtCloudRunStep,
      "run step",
    );
  }

  /** A POST under the account's v2 prefix answering with a run (`retry`: only for idempotent ones). */
  #post(path: string, retry: boolean, options: RequestOptions): Promise<DbtCloudRun> {
    const core = this.#core;
    return core.data(
      { method: "POST", path: `${core.v2}${path}`, retry, signal: options.signal },
      DbtCloudRun,
      "run",
    );
  }
}
