import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { DbtCloudCredentials } from "@dbt-cloud-kit/credentials";
import { DbtCloudClient } from "../client.js";
import { abortReason } from "../clock.js";
import { DbtCloudError, DbtCloudRunFailedError, DbtCloudValidationError } from "../errors.js";
import { type Logger, noopLogger } from "../logger.js";
import type { DbtCloudJob } from "../models/job.js";
import type { DbtCloudRun } from "../models/run.js";
import { RunStatus } from "../run-status.js";
import { SharedTask } from "../shared-task.js";
import { adhocJobNames } from "./adhoc-job-names.js";
import { type ManifestCacheKey, ManifestDiskCache } from "./manifest-cache.js";
import { hasMissingLogs } from "./run-logs.js";
import type {
  AdhocJobPoolMode,
  CommandRunOptions,
  CommandWaitOptions,
  CompletedCommands,
  DbtCloudWorkspaceData,
  DbtCloudWorkspaceOptions,
  FetchManifestOptions,
  TriggeredCommands,
} from "./workspace-types.js";

export const ADHOC_TRIGGER_CAUSE = "Triggered by dbt-cloud-kit";

function positiveInt(field: string, value: unknown): number {
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value <= 0) {
    throw new DbtCloudValidationError(field, `${JSON.stringify(value)} is not a positive integer id.`);
  }
  return value;
}

/**
 * A dbt Cloud project + environment: owns its ad hoc job(s), fetches the manifest with `dbt parse`
 * (cached in memory and optionally on disk), and runs arbitrary dbt commands through `steps_override`.
 */
export class DbtCloudWorkspace {
  readonly credentials: DbtCloudCredentials;
  readonly projectId: number;
  readonly environmentId: number;
  readonly client: DbtCloudClient;
  readonly logger: Logger;
  readonly poolSize: number;
  readonly poolMode: AdhocJobPoolMode;
  readonly #options: DbtCloudWorkspaceOptions;
  readonly #disk: ManifestDiskCache | undefined;
  #jobs: SharedTask<DbtCloudJob[]> | undefined;
  readonly #manifests = new Map<string, SharedTask<DbtCloudWorkspaceData>>();

  constructor(options: DbtCloudWorkspaceOptions) {
    this.projectId = positiveInt("projectId", options?.projectId);
    this.environmentId = positiveInt("environmentId", options.environmentId);
    const size = options.adhocJobPoolSize ?? 1;
    if (!Number.isSafeInteger(size) || size < 1 || size > 50) {
      throw new DbtCloudValidationError(
        "adhocJobPoolSize",
        `${JSON.stringify(size)} is not an integer from 1 to 50.`,
      );
    }
    const mode = options.adhocJobPoolMode ?? "overflow";
    if (!["overflow", "wait", "fail"].includes(mode)) {
      throw new DbtCloudValidationError(
        "adhocJobPoolMode",
        `${JSON.stringify(mode)} is not one of overflow, wait, fail.`,
      );
    }
    this.poolSize = size;
    this.poolMode = mode;
    this.logger = options.logger ?? options.client?.logger ?? noopLogger;
    this.client =
      options.client ??
      new DbtCloudClient({ logger: this.logger, ...options.clientOptions, credentials: options.credentials });
    this.credentials = options.credentials ?? this.client.credentials;
    this.#options = options;
    this.#disk = options.cacheDir ? new ManifestDiskCache(options.cacheDir) : undefined;
  }

  /** `<project>-<environment>`: a stable key for caches and state. */
  get uniqueId(): string {
    return `${this.projectId}-${this.environmentId}`;
  }

  get adhocJobNames(): string[] {
    return adhocJobNames(this.projectId, this.environmentId, this.poolSize, this.#options.adhocJobName);
  }

  /** The ad hoc job pool, found by exact name or created (memoized; one list call, one POST per missing job). */
  getAdhocJobs(options: { signal?: AbortSignal | undefined } = {}): Promise<DbtCloudJob[]> {
    if (!this.#jobs) {
      const task = new SharedTask((signal) => this.#findOrCreateJobs(signal));
      task.promise.catch(() => {
        if (this.#jobs === task) this.#jobs = undefined;
      });
      this.#jobs = task;
    }
    return this.#jobs.join(options.signal);
  }

  async #findOrCreateJobs(signal: AbortSignal | undefined): Promise<DbtCloudJob[]> {
    const byName = new Map<string, DbtCloudJob>();
    for await (const job of this.client.listJobs({
      projectId: this.projectId,
      environmentId: this.environmentId,
      signal,
    })) {
      if (job.name && !byName.has(job.name)) byName.set(job.name, job);
    }
    const jobs: DbtCloudJob[] = [];
    for (const name of this.adhocJobNames) {
      const existing = byName.get(name);
      if (existing) {
        jobs.push(existing);
        continue;
      }
      this.logger.info(
        `Creating ad hoc dbt Cloud job ${name} in project ${this.projectId}, environment ${this.environmentId}`,
      );
      jobs.push(
        await this.client.createJob(
          {
            projectId: this.projectId,
            environmentId: this.environmentId,
            name,
            description:
              "Used by dbt-cloud-kit to parse the project and run ad hoc dbt commands (steps_override). Safe to delete.",
            executeSteps: ["dbt parse"],
            jobType: "other",
          },
          { signal },
        ),
      );
    }
    return jobs;
  }

  /**
   * A pool job to run on: the first one without an in-flight run (one list call for the whole pool).
   * When all are busy: `overflow` picks one at random (dbt Cloud queues), `wait` re-checks until
   * `poolWaitTimeoutMs`, `fail` throws.
   */
  async pickAdhocJob(options: { signal?: AbortSignal | undefined } = {}): Promise<DbtCloudJob> {
    const jobs = await this.getAdhocJobs(options);
    if (jobs.length === 1) return jobs[0] as DbtCloudJob;
    const { clock } = this.client;
    const started = clock.now();
    const waitTimeout = this.#options.poolWaitTimeoutMs ?? 300_000;
    const waitInterval = this.#options.poolWaitIntervalMs ?? 5_000;
    for (;;) {
      const busy = new Set<number>();
      for await (const run of this.client.listRuns({
        environmentId: this.environmentId,
        statusIn: [RunStatus.Queued, RunStatus.Starting, RunStatus.Running],
        signal: options.signal,
      })) {
        const jobId = run.job_definition_id ?? run.job_id;
        if (typeof jobId === "number") busy.add(jobId);
      }
      const free = jobs.find((job) => !busy.has(job.id));
      if (free) return free;
      const summary = `All ${jobs.length} ad hoc dbt Cloud jobs of ${this.uniqueId} have a run in flight`;
      if (this.poolMode === "fail") {
        throw new DbtCloudError(
          `${summary}. Increase adhocJobPoolSize or use adhocJobPoolMode "overflow" or "wait".`,
        );
      }
      if (this.poolMode === "overflow") {
        const pick = jobs[Math.floor(clock.random() * jobs.length)] as DbtCloudJob;
        this.logger.info(`${summary}; queueing on job ${pick.id}`);
        return pick;
      }
      if (clock.now() - started + waitInterval > waitTimeout) {
        throw new DbtCloudError(`${summary} after waiting ${Math.round(waitTimeout / 1000)} s.`);
      }
      this.logger.info(`${summary}; checking again in ${Math.round(waitInterval / 1000)} s`);
      await clock.sleep(waitInterval, options.signal);
    }
  }

  /** Triggers `stepsOverride` (each `dbt …`) on an ad hoc job; does not wait. */
  async triggerCommands(
    stepsOverride: readonly string[],
    options: CommandRunOptions = {},
  ): Promise<TriggeredCommands> {
    if (!Array.isArray(stepsOverride) || stepsOverride.length === 0) {
      throw new DbtCloudValidationError(
        "stepsOverride",
        'is empty; pass at least one dbt command, e.g. ["dbt build"].',
      );
    }
    const job = await this.pickAdhocJob({ signal: options.signal });
    const run = await this.client.triggerJobRun(
      job.id,
      { ...options.overrides, cause: options.cause ?? ADHOC_TRIGGER_CAUSE, stepsOverride },
      { signal: options.signal, onRecovery: options.onRecovery },
    );
    await options.onTriggered?.(run, job.id);
    return { run, jobId: job.id };
  }

  /**
   * Triggers `stepsOverride` on an ad hoc job, waits for the run to finish (any outcome, no timeout
   * unless given), and re-reads it once with `run_steps` so step logs are at hand. Cancels the run if
   * `signal` aborts while waiting (unless `cancelOnAbort: false`).
   */
  async runCommands(
    stepsOverride: readonly string[],
    options: CommandWaitOptions = {},
  ): Promise<CompletedCommands> {
    const logger = options.logger ?? this.logger;
    const { run: triggeredRun, jobId } = await this.triggerCommands(stepsOverride, options);
    let final: DbtCloudRun;
    try {
      final = await this.client.waitForRun(triggeredRun.id, {
        signal: options.signal,
        logger,
        timeoutMs: options.timeoutMs,
        pollIntervalMs: options.pollIntervalMs ?? this.#options.pollIntervalMs,
        onStatusChange: options.onStatusChange,
      });
    } catch (error) {
      if (options.signal?.aborted && options.cancelOnAbort !== false) {
        logger.warn(`Cancelling dbt Cloud run ${triggeredRun.id} because the caller aborted`);
        await this.client.cancelRun(triggeredRun.id).catch((cancelError: unknown) => {
          logger.warn(`Could not cancel dbt Cloud run ${triggeredRun.id}: ${(cancelError as Error).message}`);
        });
      }
      throw error;
    }
    const withSteps = await this.#readWithSteps(final.id, options.signal);
    return { run: withSteps, jobId, triggeredRun };
  }

  async #readWithSteps(runId: number, signal: AbortSignal | undefined): Promise<DbtCloudRun> {
    let run = await this.client.getRun(runId, { includeRelated: ["run_steps"], signal });
    if (hasMissingLogs(run)) {
      await this.client.clock.sleep(2_000, signal);
      run = await this.client.getRun(runId, { includeRelated: ["run_steps"], signal });
    }
    return run;
  }

  /**
   * Runs `dbt parse` on the ad hoc job and returns the manifest with the pool's job ids. Cached in
   * memory per git sha, and on disk (`cacheDir`) by account, project, environment and git sha.
   */
  fetchWorkspaceData(options: FetchManifestOptions = {}): Promise<DbtCloudWorkspaceData> {
    const key = options.gitSha?.trim() || "HEAD";
    const cached = options.refresh ? undefined : this.#manifests.get(key);
    if (cached) return cached.join(options.signal).then((data) => ({ ...data, source: "memory" as const }));
    const task = new SharedTask((signal) => this.#fetchWorkspaceData({ ...options, signal }));
    task.promise.catch(() => {
      if (this.#manifests.get(key) === task) this.#manifests.delete(key);
    });
    this.#manifests.set(key, task);
    return task.join(options.signal);
  }

  /** The manifest as parsed JSON (see `fetchWorkspaceData`). */
  async fetchManifest(options: FetchManifestOptions = {}): Promise<Record<string, unknown>> {
    return (await this.fetchWorkspaceData(options)).manifest;
  }

  async #fetchWorkspaceData(options: FetchManifestOptions): Promise<DbtCloudWorkspaceData> {
    const { signal } = options;
    const logger = options.logger ?? this.logger;
    const gitSha = options.gitSha?.trim() || undefined;
    const cacheKey = (sha: string): ManifestCacheKey => ({
      accountId: this.credentials.accountId,
      projectId: this.projectId,
      environmentId: this.environmentId,
      gitSha: sha,
    });
    const jobs = await this.getAdhocJobs({ signal });
    const adhocJobIds = jobs.map((j) => j.id);
    if (this.#disk && gitSha && !options.refresh) {
      const manifest = await this.#disk.read(cacheKey(gitSha));
      if (manifest) {
        logger.info(`Using the cached manifest of ${this.uniqueId} at ${gitSha}`);
        return {
          projectId: this.projectId,
          environmentId: this.environmentId,
          adhocJobIds,
          manifest,
          gitSha,
          runId: undefined,
          source: "disk",
        };
      }
    }
    logger.info(
      `Running dbt parse in dbt Cloud for project ${this.projectId}, environment ${this.environmentId}`,
    );
    const { run } = await this.runCommands(["dbt parse"], {
      signal,
      logger,
      cause: `${ADHOC_TRIGGER_CAUSE}: dbt parse`,
      overrides: gitSha ? { gitSha } : undefined,
      timeoutMs: this.#options.parseTimeoutMs,
    });
    if (run.status !== RunStatus.Success) throw new DbtCloudRunFailedError(run);
    const parsedSha = gitSha ?? run.git_sha ?? undefined;
    const manifest = await this.#downloadManifest(
      run.id,
      parsedSha ? cacheKey(parsedSha) : undefined,
      signal,
    );
    return {
      projectId: this.projectId,
      environmentId: this.environmentId,
      adhocJobIds,
      manifest,
      gitSha: parsedSha,
      runId: run.id,
      source: "parse",
    };
  }

  async #downloadManifest(
    runId: number,
    key: ManifestCacheKey | undefined,
    signal: AbortSignal | undefined,
  ): Promise<Record<string, unknown>> {
    let value: unknown;
    if (this.#disk && key) {
      // Stream to disk (manifests can be tens of MB), then parse the cached file.
      const dir = await mkdtemp(join(tmpdir(), "dbt-cloud-kit-"));
      try {
        const { path } = await this.client.downloadRunArtifact(runId, "manifest.json", {
          toFile: join(dir, "manifest.json"),
          signal,
        });
        await this.#disk.adopt(key, path);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
      value = await this.#disk.read(key);
    } else {
      value = await this.client.getRunArtifact(runId, "manifest.json", { signal });
    }
    if (signal?.aborted) throw abortReason(signal);
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
      throw new DbtCloudError(`The manifest.json of dbt parse run ${runId} is not a JSON object.`);
    }
    return value as Record<string, unknown>;
  }
}
