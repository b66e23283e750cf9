import { RunStatus } from "@dbt-cloud-kit/client";
import { jobBehaviourSchema } from "../config/schema.js";
import type { JobEntity } from "../state/entities.js";
import { stepArtifacts } from "./artifacts.js";
import { jobBodySchema, parseBody, triggerBodySchema } from "./bodies.js";
import type { Operation, RequestContext } from "./context.js";
import { idParam, includeRelated } from "./context.js";
import { ApiFailure, badRequest, notFound, ok } from "./envelope.js";
import { listResponse, stateMatches } from "./handlers-workspace.js";
import { jobJson } from "./job-json.js";
import { PAGING } from "./query.js";
import { runJson } from "./run-json.js";

function jobOf(ctx: RequestContext, param: string, { activeOnly = true } = {}): JobEntity {
  const job = ctx.state.jobs.get(idParam(ctx, param));
  if (!job || job.accountId !== ctx.account.id || (activeOnly && job.state !== 1))
    throw new ApiFailure(notFound());
  return job;
}

const listJobs = (ctx: RequestContext) => {
  const q = ctx.query;
  const related = includeRelated(ctx);
  const jobs = [...ctx.state.jobs.values()].filter(
    (j) =>
      j.accountId === ctx.account.id &&
      stateMatches(q.state === undefined ? { ...q, state: "active" } : q, j.state) &&
      (typeof q.project_id !== "number" || j.projectId === q.project_id) &&
      (!Array.isArray(q.project_id__in) || (q.project_id__in as number[]).includes(j.projectId)) &&
      (typeof q.environment_id !== "number" || j.environmentId === q.environment_id) &&
      (typeof q.name__icontains !== "string" ||
        j.name.toLowerCase().includes(q.name__icontains.toLowerCase())) &&
      (typeof q.pk !== "number" || j.id === q.pk) &&
      (typeof q.triggers_schedule !== "boolean" || (j.jobType === "scheduled") === q.triggers_schedule),
  );
  return listResponse(jobs, q, (j) => jobJson(ctx.state, j, ctx.baseUrl, related), {
    id: (j) => j.id,
    name: (j) => j.name,
    created_at: (j) => j.createdAt,
    updated_at: (j) => j.updatedAt,
  });
};

const getJob = (ctx: RequestContext) =>
  ok(jobJson(ctx.state, jobOf(ctx, "id"), ctx.baseUrl, includeRelated(ctx)));

function checkJobScope(
  ctx: RequestContext,
  body: { account_id?: number | undefined; project_id: number; environment_id: number },
) {
  if (body.account_id !== undefined && body.account_id !== ctx.account.id) {
    throw new ApiFailure(badRequest(`account_id: must be ${ctx.account.id}, the account in the URL.`));
  }
  const env = ctx.state.environments.get(body.environment_id);
  if (
    !ctx.state.projects.has(body.project_id) ||
    ctx.state.projects.get(body.project_id)?.accountId !== ctx.account.id
  ) {
    throw new ApiFailure(badRequest(`project_id: Invalid pk "${body.project_id}" - object does not exist.`));
  }
  if (!env || env.projectId !== body.project_id) {
    throw new ApiFailure(
      badRequest(`environment_id: Invalid pk "${body.environment_id}" - object does not exist.`),
    );
  }
  if (env.type !== "deployment") {
    throw new ApiFailure(badRequest("environment_id: Jobs can only be created in deployment environments."));
  }
}

const KNOWN_JOB_FIELDS = new Set([
  "id",
  "account_id",
  "project_id",
  "environment_id",
  "name",
  "description",
  "execute_steps",
  "generate_docs",
  "dbt_version",
  "job_type",
  "settings",
  "state",
]);

/** The body's fields the emulator does not model, kept to echo back (keys are data: null prototype). */
function extraFields(body: Record<string, unknown>): Record<string, unknown> {
  const extra: Record<string, unknown> = Object.create(null);
  for (const [k, v] of Object.entries(body))
    if (
      !KNOWN_JOB_FIELDS.has(k) &&
      !["account", "project", "environment", "created_at", "updated_at"].includes(k)
    )
      extra[k] = v;
  return extra;
}

const createJob = (ctx: RequestContext) => {
  const body = parseBody(jobBodySchema, ctx.body);
  checkJobScope(ctx, body);
  const jobType =
    body.job_type === "ci" || body.job_type === "merge" || body.job_type === "other"
      ? body.job_type
      : "scheduled";
  const job = ctx.state.addJob({
    accountId: ctx.account.id,
    projectId: body.project_id,
    environmentId: body.environment_id,
    name: body.name,
    description: body.description ?? "",
    jobType,
    executeSteps: body.execute_steps ?? [],
    generateDocs: body.generate_docs ?? false,
    dbtVersion: body.dbt_version ?? undefined,
    threads: body.settings?.threads ?? 4,
    targetName: body.settings?.target_name ?? "default",
    state: body.state ?? 1,
    behaviour: jobBehaviourSchema.parse({}),
    extra: extraFields(body),
  });
  return ok(jobJson(ctx.state, job, ctx.baseUrl, new Set()));
};

const updateJob = (ctx: RequestContext) => {
  const job = jobOf(ctx, "id");
  const body = parseBody(jobBodySchema, ctx.body);
  checkJobScope(ctx, body);
  Object.assign(job, {
    projectId: body.project_id,
    environmentId: body.environment_id,
    name: body.name,
    description: body.description ?? job.description,
    executeSteps: body.execute_steps ?? job.executeSteps,
    generateDocs: body.generate_docs ?? job.generateDocs,
    dbtVersion: body.dbt_version === undefined ? job.dbtVersion : (body.dbt_version ?? undefined),
    threads: body.settings?.threads ?? job.threads,
    targetName: body.settings?.target_name ?? job.targetName,
    state: body.state ?? job.state,
    extra: { ...job.extra, ...extraFields(body) },
    updatedAt: ctx.state.clock.now(),
  });
  return ok(jobJson(ctx.state, job, ctx.baseUrl, new Set()));
};

const deleteJob = (ctx: RequestContext) => {
  const job = jobOf(ctx, "id");
  job.state = 2;
  job.updatedAt = ctx.state.clock.now();
  return { status: 204 };
};

const triggerJobRun = async (ctx: RequestContext) => {
  const job = jobOf(ctx, "job_id");
  const body = parseBody(triggerBodySchema, ctx.body);
  if ((body.steps_override ?? job.executeSteps).length === 0) {
    throw new ApiFailure(badRequest("steps_override: The job has no execute_steps; send steps_override."));
  }
  const run = await ctx.state.triggerRun(job, body);
  return ok(runJson(ctx.state, run, ctx.baseUrl, new Set(["trigger"])));
};

const rerunJob = async (ctx: RequestContext) => {
  const job = jobOf(ctx, "job_id");
  if (job.executeSteps.length === 0) throw new ApiFailure(badRequest("The job has no execute_steps to run."));
  const run = await ctx.state.rerunJob(job);
  return ok(runJson(ctx.state, run, ctx.baseUrl, new Set(["trigger"])));
};

/** The latest finished run of the job that has the file (dbt Cloud's "latest matching artifact"). */
const getJobArtifact = (ctx: RequestContext) => {
  const job = jobOf(ctx, "job_id", { activeOnly: false });
  const path = ctx.params.remainder ?? "";
  const runs = ctx.state.runsOfJob(job.id);
  for (let i = runs.length - 1; i >= 0; i--) {
    const run = runs[i]!;
    const t = ctx.state.timeline(run);
    if (t.finishedAt === undefined || t.status === RunStatus.Cancelled) continue;
    for (let s = t.steps.length - 1; s >= 0; s--) {
      const file = stepArtifacts(ctx.state, run, t, t.steps[s]!).get(path);
      if (file) return { status: 200, raw: { contentType: file.contentType, text: file.render() } };
    }
  }
  throw new ApiFailure(notFound());
};

/** The job operations: list, read, create, update, delete, trigger, rerun, latest artifact. */
export const jobOperations: Operation[] = [
  {
    name: "listJobs",
    method: "GET",
    path: "/api/v2/accounts/{account_id}/jobs/",
    query: {
      ...PAGING,
      include_related: "string",
      dbt_version__in: "string[]",
      environment_id: "int",
      is_fusion_ready: "bool",
      is_system: "bool",
      name__icontains: "string",
      pk: "int",
      project_id: "int",
      project_id__in: "int[]",
      state: "state",
      triggers_schedule: "bool",
    },
    handler: listJobs,
  },
  {
    name: "createJob",
    method: "POST",
    path: "/api/v2/accounts/{account_id}/jobs/",
    query: {},
    handler: createJob,
  },
  {
    name: "getJob",
    method: "GET",
    path: "/api/v2/accounts/{account_id}/jobs/{id}/",
    query: { include_related: "string" },
    handler: getJob,
  },
  {
    name: "updateJob",
    method: "POST",
    path: "/api/v2/accounts/{account_id}/jobs/{id}/",
    query: {},
    handler: updateJob,
  },
  {
    name: "deleteJob",
    method: "DELETE",
    path: "/api/v2/accounts/{account_id}/jobs/{id}/",
    query: {},
    handler: deleteJob,
  },
  {
    name: "triggerJobRun",
    method: "POST",
    path: "/api/v2/accounts/{account_id}/jobs/{job_id}/run/",
    query: {},
    handler: triggerJobRun,
  },
  {
    name: "rerunJob",
    method: "POST",
    path: "/api/v2/accounts/{account_id}/jobs/{job_id}/rerun/",
    query: {},
    handler: rerunJob,
  },
  {
    name: "getJobArtifact",
    method: "GET",
    path: "/api/v2/accounts/{account_id}/jobs/{job_id}/artifacts/{remainder}",
    query: { include_related: "string" },
    handler: getJobArtifact,
  },
];
