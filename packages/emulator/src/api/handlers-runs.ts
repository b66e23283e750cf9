import { RunStatus } from "@dbt-cloud-kit/client";
import { RetryRefusedError } from "../state/emulator-state.js";
import type { RunRecord } from "../state/run-model.js";
import { runArtifactPaths, stepArtifacts } from "./artifacts.js";
import type { Operation, RequestContext } from "./context.js";
import { idParam, includeRelated } from "./context.js";
import { ApiFailure, badRequest, notFound, ok } from "./envelope.js";
import { listResponse } from "./handlers-workspace.js";
import { PAGING } from "./query.js";
import { artifactFlags, runJson, shownFinishedAt, stepJson } from "./run-json.js";

function runOf(ctx: RequestContext, param: string): RunRecord {
  const run = ctx.state.runs.get(idParam(ctx, param));
  if (!run || run.accountId !== ctx.account.id) throw new ApiFailure(notFound());
  return run;
}

/** `created_at__range` / `finished_at__range`: two ISO datetimes, inclusive. */
function inRange(at: number, range: unknown): boolean {
  if (range === undefined) return true;
  const bounds = (range as string[]).map((v) => Date.parse(v));
  if (bounds.length !== 2 || bounds.some(Number.isNaN)) {
    throw new ApiFailure(
      badRequest(
        'Enter a list of two valid date/times, e.g. ["2026-01-01T00:00:00Z", "2026-01-02T00:00:00Z"].',
      ),
    );
  }
  return at >= bounds[0]! && at <= bounds[1]!;
}

const listRuns = (ctx: RequestContext) => {
  const q = ctx.query;
  const now = ctx.state.clock.now();
  const related = includeRelated(ctx);
  const ints = (v: unknown) => (Array.isArray(v) ? (v as number[]) : undefined);
  const runs = [...ctx.state.runs.values()].filter((r) => {
    if (r.accountId !== ctx.account.id) return false;
    if (typeof q.job_definition_id === "number" && r.jobId !== q.job_definition_id) return false;
    if (typeof q.environment_id === "number" && r.environmentId !== q.environment_id) return false;
    if (typeof q.project_id === "number" && r.projectId !== q.project_id) return false;
    if (ints(q.project_id__in) && !ints(q.project_id__in)!.includes(r.projectId)) return false;
    if (typeof q.pk === "number" && r.id !== q.pk) return false;
    if (ints(q.pk__in) && !ints(q.pk__in)!.includes(r.id)) return false;
    if (typeof q.id__gt === "number" && r.id <= q.id__gt) return false;
    if (typeof q.dbt_version === "string" && r.dbtVersion !== q.dbt_version) return false;
    if (Array.isArray(q.dbt_version__in) && !(q.dbt_version__in as string[]).includes(r.dbtVersion))
      return false;
    if (!inRange(r.createdAt, q.created_at__range)) return false;
    const t = ctx.state.timeline(r, now);
    if (typeof q.status === "number" && t.status !== q.status) return false;
    if (ints(q.status__in) && !ints(q.status__in)!.includes(t.status)) return false;
    if (
      q.finished_at__range !== undefined &&
      (shownFinishedAt(r, t) === undefined || !inRange(t.finishedAt as number, q.finished_at__range))
    ) {
      return false;
    }
    const flags = artifactFlags(r, t);
    if (typeof q.has_docs_generated === "boolean" && flags.docs !== q.has_docs_generated) return false;
    if (typeof q.has_sources_generated === "boolean" && flags.sources !== q.has_sources_generated)
      return false;
    return true;
  });
  const finishedAt = (r: RunRecord) =>
    shownFinishedAt(r, ctx.state.timeline(r, now)) ?? Number.MAX_SAFE_INTEGER;
  return listResponse(runs, q, (r) => runJson(ctx.state, r, ctx.baseUrl, related), {
    id: (r) => r.id,
    created_at: (r) => r.createdAt,
    finished_at: finishedAt,
  });
};

const getRun = (ctx: RequestContext) =>
  ok(runJson(ctx.state, runOf(ctx, "id"), ctx.baseUrl, includeRelated(ctx)));

const cancelRun = (ctx: RequestContext) => {
  const run = runOf(ctx, "run_id");
  ctx.state.cancelRun(run);
  return ok(runJson(ctx.state, run, ctx.baseUrl, new Set()));
};

const RETRY_MESSAGES: Record<string, string> = {
  RETRY_NOT_FAILED_RUN: "Only runs that failed can be retried.",
  RETRY_NOT_LATEST_RUN: "Only the latest run of a job can be retried.",
  RETRY_UNSUPPORTED_VERSION: "Retry needs dbt 1.6 or newer.",
  RETRY_NO_RUN_RESULTS: "The run has no run_results.json to retry from.",
  RETRY_UNSUPPORTED_CMD: "The failed command does not support retry.",
};

const retryRun = async (ctx: RequestContext) => {
  const run = runOf(ctx, "run_id");
  try {
    const retry = await ctx.state.retryRun(run);
    return ok(runJson(ctx.state, retry, ctx.baseUrl, new Set(["trigger"])));
  } catch (error) {
    if (error instanceof RetryRefusedError) {
      const reason = error.verdict.reason ?? "RETRY_NOT_FAILED_RUN";
      throw new ApiFailure(
        badRequest(`${RETRY_MESSAGES[reason] ?? "This run cannot be retried."} (${reason})`),
      );
    }
    throw error;
  }
};

const getRunFailureDetails = (ctx: RequestContext) => {
  const run = runOf(ctx, "run_id");
  const t = ctx.state.timeline(run);
  const failed = t.status === RunStatus.Error ? run.steps.at(-1)?.name : undefined;
  return ok({
    failed_step: failed ?? "",
    skipped_steps: t.status === RunStatus.Error ? run.skippedSteps : [],
  });
};

const listRunArtifacts = (ctx: RequestContext) => {
  const run = runOf(ctx, "run_id");
  // dbt Cloud answers data: null when a run saved no artifacts.
  return ok(runArtifactPaths(ctx.state, run, ctx.state.timeline(run)) ?? null);
};

const getRunArtifact = (ctx: RequestContext) => {
  const run = runOf(ctx, "run_id");
  const t = ctx.state.timeline(run);
  const path = ctx.params.remainder ?? "";
  const step = typeof ctx.query.step === "number" ? ctx.query.step : undefined;
  const timing = step === undefined ? t.steps.at(-1) : t.steps.find((s) => s.step.index === step);
  if (!timing) throw new ApiFailure(notFound());
  const file = stepArtifacts(ctx.state, run, t, timing).get(path);
  if (!file) throw new ApiFailure(notFound());
  return { status: 200, raw: { contentType: file.contentType, text: file.render() } };
};

const getRunStep = (ctx: RequestContext) => {
  const found = ctx.state.steps.get(idParam(ctx, "id"));
  if (!found || found.run.accountId !== ctx.account.id) throw new ApiFailure(notFound());
  const now = ctx.state.clock.now();
  const timing = ctx.state.timeline(found.run, now).steps.find((s) => s.step.index === found.index);
  if (!timing) throw new ApiFailure(notFound());
  return ok(stepJson(ctx.state, found.run, timing, now, true));
};

/** The run, step and artifact operations. */
export const runOperations: Operation[] = [
  {
    name: "listRuns",
    method: "GET",
    path: "/api/v2/accounts/{account_id}/runs/",
    query: {
      ...PAGING,
      include_related: "string",
      created_at__range: "string[]",
      dbt_version: "string",
      dbt_version__in: "string[]",
      deferring_run_id: "int",
      environment_id: "int",
      finished_at__range: "string[]",
      has_docs_generated: "bool",
      has_sources_generated: "bool",
      id__gt: "int",
      job_definition_id: "int",
      pk: "int",
      pk__in: "int[]",
      project_id: "int",
      project_id__in: "int[]",
      state: "state",
      status: "int",
      status__in: "int[]",
    },
    handler: listRuns,
  },
  {
    name: "getRun",
    method: "GET",
    path: "/api/v2/accounts/{account_id}/runs/{id}/",
    query: { include_related: "string" },
    handler: getRun,
  },
  {
    name: "cancelRun",
    method: "POST",
    path: "/api/v2/accounts/{account_id}/runs/{run_id}/cancel/",
    query: {},
    handler: cancelRun,
  },
  {
    name: "retryRun",
    method: "POST",
    path: "/api/v2/accounts/{account_id}/runs/{run_id}/retry/",
    query: {},
    handler: retryRun,
  },
  {
    name: "getRunFailureDetails",
    method: "GET",
    path: "/api/v2/accounts/{account_id}/runs/{run_id}/retry/",
    query: { include_related: "string" },
    handler: getRunFailureDetails,
  },
  {
    name: "listRunArtifacts",
    method: "GET",
    path: "/api/v2/accounts/{account_id}/runs/{run_id}/artifacts/",
    query: { include_related: "string" },
    handler: listRunArtifacts,
  },
  {
    name: "getRunArtifact",
    method: "GET",
    path: "/api/v2/accounts/{account_id}/runs/{run_id}/artifacts/{remainder}",
    query: { include_related: "string", step: "int" },
    handler: getRunArtifact,
  },
  {
    name: "getRunStep",
    method: "GET",
    path: "/api/v2/accounts/{account_id}/steps/{id}/",
    query: { include_related: "string" },
    handler: getRunStep,
  },
];
