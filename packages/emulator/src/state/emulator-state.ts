import { isTerminalStatus } from "@dbt-cloud-kit/client";
import type { TriggerBody } from "../api/bodies.js";
import type { EmulatorClock } from "../clock.js";
import type { EmulatorConfig, JobBehaviourInput } from "../config/schema.js";
import { jobBehaviourSchema } from "../config/schema.js";
import { EmulatorConfigError, EmulatorError } from "../errors.js";
import type { AccountEntity, EnvironmentEntity, JobEntity, ProjectEntity } from "./entities.js";
import { defaultGitSha } from "./git-sha.js";
import { behaviourProblems, loadWorkspace } from "./load-workspace.js";
import { resolveNodeRefs } from "./node-names.js";
import type { RetryVerdict } from "./retry-rules.js";
import { retryVerdict } from "./retry-rules.js";
import type { RunRecord, RunTimeline } from "./run-model.js";
import { planRun } from "./run-planner.js";
import { computeTimeline } from "./run-timeline.js";

/** `POST /runs/{id}/retry/` on a run that cannot be retried; the API answers 400 with the reason. */
export class RetryRefusedError extends EmulatorError {
  override name = "RetryRefusedError";
  constructor(readonly verdict: RetryVerdict) {
    super(`Run cannot be retried: ${verdict.reason ?? "unknown reason"}`);
  }
}

/** All entities the emulator serves, and the run lifecycle over them. */
export class EmulatorState {
  readonly accounts = new Map<number, AccountEntity>();
  readonly projects = new Map<number, ProjectEntity>();
  readonly environments = new Map<number, EnvironmentEntity>();
  readonly jobs = new Map<number, JobEntity>();
  readonly runs = new Map<number, RunRecord>();
  private readonly runsByJob = new Map<number, RunRecord[]>();
  readonly steps = new Map<number, { run: RunRecord; index: number }>();
  private nextRunId: number;
  /** Bumped whenever a run is created or cancelled, invalidating memoised queue timelines. */
  private version = 0;
  private readonly chainCache = new Map<
    number,
    { now: number; version: number; timelines: Map<number, RunTimeline> }
  >();
  private readonly settledPrefix = new Map<number, { index: number; freeAt: number }>();
  private nextJobId = 1;
  private nextStepId = 1;
  /** Told when a run is triggered or cancelled (the webhook dispatcher listens). */
  onRunChange: (run: RunRecord) => void = () => {};

  private constructor(
    readonly clock: EmulatorClock,
    firstRunId: number,
  ) {
    this.nextRunId = firstRunId;
    this.nextStepId = firstRunId * 10;
  }

  static async create(config: EmulatorConfig, clock: EmulatorClock, baseDir: string): Promise<EmulatorState> {
    const workspace = await loadWorkspace(config, clock.now(), baseDir);
    const state = new EmulatorState(clock, config.firstRunId);
    for (const a of workspace.accounts) state.accounts.set(a.id, a);
    for (const p of workspace.projects) state.projects.set(p.id, p);
    for (const e of workspace.environments) state.environments.set(e.id, e);
    for (const j of workspace.jobs) state.jobs.set(j.id, j);
    state.nextJobId = Math.max(0, ...state.jobs.keys()) + 1;
    return state;
  }

  /** Changes how a job's future runs behave (runs already triggered keep their plan). */
  configureJob(jobId: number, patch: JobBehaviourInput): JobEntity {
    const job = this.jobs.get(jobId);
    if (!job)
      throw new EmulatorConfigError([
        `jobId: no job ${jobId}. Use one of ${[...this.jobs.keys()].join(", ")}.`,
      ]);
    const parsed = jobBehaviourSchema.safeParse({ ...job.behaviour, ...patch });
    if (!parsed.success) {
      throw new EmulatorConfigError(
        parsed.error.issues.map((i) => `behaviour.${i.path.map(String).join(".")}: ${i.message}`),
        { cause: parsed.error },
      );
    }
    const project = this.projects.get(job.projectId)!;
    const problems = behaviourProblems(project.manifest, parsed.data, "behaviour");
    if (problems.length > 0) throw new EmulatorConfigError(problems);
    job.behaviour = parsed.data;
    return job;
  }

  addJob(job: Omit<JobEntity, "id" | "createdAt" | "updatedAt">): JobEntity {
    const now = this.clock.now();
    const entity: JobEntity = { ...job, id: this.nextJobId++, createdAt: now, updatedAt: now };
    this.jobs.set(entity.id, entity);
    return entity;
  }

  runsOfJob(jobId: number): RunRecord[] {
    return this.runsByJob.get(jobId) ?? [];
  }

  /** A run's state now. Deployment-job runs wait for every earlier run of their job to finish. */
  timeline(run: RunRecord, now = this.clock.now()): RunTimeline {
    if (run.settled) return run.settled;
    if (!run.serial) return computeTimeline(run, now, Number.NEGATIVE_INFINITY, () => []);
    const timeline = this.serialChain(run.jobId, now).get(run.id);
    if (!timeline) throw new Error(`run ${run.id} is missing from job ${run.jobId}'s queue`);
    return timeline;
  }

  /**
   * Timelines of a job's serial runs at `now`, computed in one pass (each run waits for the latest end
   * before it) and memoised per instant and state version, so many pollers reading at once share the
   * work. Runs that have settled form a prefix that is skipped on later passes.
   */
  private serialChain(jobId: number, now: number): Map<number, RunTimeline> {
    const cached = this.chainCache.get(jobId);
    if (cached && cached.now === now && cached.version === this.version) return cached.timelines;
    const runs = this.runsOfJob(jobId);
    const prefix = this.settledPrefix.get(jobId) ?? { index: 0, freeAt: Number.NEGATIVE_INFINITY };
    const timelines = new Map<number, RunTimeline>();
    let freeAt = prefix.freeAt;
    let stillSettled = true;
    const inFlight: number[] = [];
    for (let i = prefix.index; i < runs.length; i++) {
      const run = runs[i]!;
      if (!run.serial) continue;
      const t = computeTimeline(run, now, freeAt, () => [...inFlight]);
      timelines.set(run.id, t);
      freeAt = Math.max(freeAt, t.endAt);
      if (run.settled && stillSettled) {
        this.settledPrefix.set(jobId, { index: i + 1, freeAt });
      } else {
        stillSettled = false;
        if (!isTerminalStatus(t.status)) inFlight.push(run.id);
      }
    }
    this.chainCache.set(jobId, { now, version: this.version, timelines });
    return timelines;
  }

  isLatestRunOfJob(run: RunRecord): boolean {
    const runs = this.runsOfJob(run.jobId);
    return runs.at(-1)?.id === run.id;
  }

  retryVerdict(run: RunRecord, now = this.clock.now()): RetryVerdict {
    return retryVerdict(run, this.timeline(run, now), this.isLatestRunOfJob(run));
  }

  async triggerRun(
    job: JobEntity,
    body: TriggerBody,
    options: { causeCategory?: "api" | "rerun" | "ci"; retryOf?: RunRecord } = {},
  ): Promise<RunRecord> {
    const project = this.projects.get(job.projectId)!;
    const env = this.environments.get(job.environmentId)!;
    const behaviour = job.behaviour;
    const failNodes = resolveNodeRefs(project.manifest, behaviour.failNodes).ids;
    const warnNodes = resolveNodeRefs(project.manifest, behaviour.warnNodes).ids;
    const id = this.nextRunId++;
    const now = this.clock.now();
    let resume: { command: string; nodes: string[] } | undefined;
    let commands = body.steps_override ?? job.executeSteps;
    if (options.retryOf) {
      const failed = options.retryOf.steps.at(-1);
      const failedIndex = options.retryOf.steps.length - 1 - 3; // index among dbt commands (after clone, profile, deps)
      const remaining = options.retryOf.skippedSteps
        .map((n) => /^Invoke dbt with `(.*)`$/.exec(n)?.[1])
        .filter((c): c is string => c !== undefined && c !== "dbt docs generate");
      resume = {
        command: "dbt retry",
        nodes: (failed?.execution?.results ?? [])
          .filter((r) => r.status === "error" || r.status === "fail" || r.status === "skipped")
          .map((r) => r.uniqueId),
      };
      commands = failedIndex >= 0 ? remaining : commands;
    }
    const generateDocs =
      body.generate_docs_override ?? (options.retryOf ? options.retryOf.generateDocs : job.generateDocs);
    const threads = body.threads_override ?? job.threads;
    const plan = await planRun({
      manifest: project.manifest,
      commands,
      generateDocs,
      behaviour,
      failNodes,
      warnNodes,
      threads,
      seed: `run-${id}`,
      nextStepId: () => this.nextStepId++,
      ...(resume ? { resume } : {}),
      connectionName: "Postgres",
    });
    const pullRequestId =
      body.github_pull_request_id ??
      body.gitlab_merge_request_id ??
      body.azure_pull_request_id ??
      body.non_native_pull_request_id;
    const run: RunRecord = {
      id,
      triggerId: id + 1_000_000,
      accountId: job.accountId,
      projectId: job.projectId,
      environmentId: job.environmentId,
      jobId: job.id,
      createdAt: now,
      trigger: {
        cause: body.cause,
        causeCategory: options.causeCategory ?? (pullRequestId !== undefined ? "ci" : "api"),
        overrides: { ...body },
      },
      gitSha:
        body.git_sha ??
        defaultGitSha({
          id,
          projectId: job.projectId,
          environmentId: job.environmentId,
          branch: body.git_branch ?? "main",
          pullRequestId,
        }),
      gitBranch: body.git_branch ?? "main",
      dbtVersion: body.dbt_version_override ?? job.dbtVersion ?? env.dbtVersion,
      serial: job.jobType !== "ci",
      queuedMs: behaviour.queuedSeconds * 1000,
      startingMs: behaviour.startingSeconds * 1000,
      steps: plan.steps,
      skippedSteps: plan.skippedSteps,
      artifactsEnabled: behaviour.artifacts,
      generateDocs,
      threads,
      targetName: body.target_name_override ?? job.targetName,
    };
    if (behaviour.outcome === "cancelled") {
      const running = plan.steps.reduce((sum, s) => sum + s.durationMs, 0);
      run.plannedCancelAfterMs =
        behaviour.cancelAfterSeconds !== undefined
          ? behaviour.cancelAfterSeconds * 1000
          : Math.floor(running / 2);
    }
    const jobTimeout = (job.extra.execution as { timeout_seconds?: unknown } | undefined)?.timeout_seconds;
    const timeoutSeconds = body.timeout_seconds_override ?? (typeof jobTimeout === "number" ? jobTimeout : 0);
    if (
      timeoutSeconds > 0 &&
      (run.plannedCancelAfterMs === undefined || timeoutSeconds * 1000 < run.plannedCancelAfterMs)
    ) {
      // dbt Cloud cancels a run that runs longer than its timeout.
      run.plannedCancelAfterMs = timeoutSeconds * 1000;
      run.plannedCancelMessage = `This run timed out after running for longer than ${timeoutSeconds} seconds.`;
    }
    if (behaviour.cancelledWithoutFinishedAt) run.cancelledWithoutFinishedAt = true;
    if (behaviour.retryNotSupportedReason) run.retryNotSupportedReason = behaviour.retryNotSupportedReason;
    if (behaviour.statusMessage !== undefined) run.plannedStatusMessage = behaviour.statusMessage;
    if (options.retryOf) run.retryOfRunId = options.retryOf.id;
    if (pullRequestId !== undefined) run.pullRequestId = pullRequestId;
    for (const step of plan.steps) this.steps.set(step.id, { run, index: step.index });

    if (job.jobType === "ci" && pullRequestId !== undefined) {
      // dbt Cloud cancels a PR's stale CI build when a newer commit is pushed.
      for (const other of this.runsOfJob(job.id)) {
        if (other.pullRequestId === pullRequestId && other.gitSha !== run.gitSha) {
          this.cancelRun(other, now, "Cancelled: a newer commit was pushed to this pull request.");
        }
      }
    }
    this.runs.set(id, run);
    this.version++;
    const list = this.runsByJob.get(job.id) ?? [];
    list.push(run);
    this.runsByJob.set(job.id, list);
    this.onRunChange(run);
    return run;
  }

  /** Cancels a non-terminal run; cancelling a finished run changes nothing. */
  cancelRun(run: RunRecord, now = this.clock.now(), message?: string): void {
    const t = this.timeline(run, now);
    if (isTerminalStatus(t.status)) return;
    run.cancelledAt = now;
    if (message) run.cancelMessage = message;
    this.version++;
    this.onRunChange(run);
  }

  async retryRun(run: RunRecord): Promise<RunRecord> {
    const verdict = this.retryVerdict(run);
    if (!verdict.canRetry) throw new RetryRefusedError(verdict);
    const job = this.jobs.get(run.jobId)!;
    return this.triggerRun(
      job,
      { ...(run.trigger.overrides as unknown as TriggerBody), cause: run.trigger.cause },
      {
        causeCategory: "rerun",
        retryOf: run,
      },
    );
  }

  /** Retries the job's latest run when it failed and can be retried; otherwise triggers a new full run. */
  async rerunJob(job: JobEntity): Promise<RunRecord> {
    const latest = this.runsOfJob(job.id).at(-1);
    if (latest && this.retryVerdict(latest).canRetry) return this.retryRun(latest);
    return this.triggerRun(job, { cause: "Rerun of the job via the API" }, { causeCategory: "rerun" });
  }
}
