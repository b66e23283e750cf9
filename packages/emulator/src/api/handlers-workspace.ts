import type { Operation, RequestContext } from "./context.js";
import { idParam } from "./context.js";
import { ApiFailure, notFound, ok } from "./envelope.js";
import type { ParsedQuery } from "./query.js";
import { PAGING, type ParamSpec, paginate } from "./query.js";
import { accountJson, environmentJson, projectJson } from "./workspace-json.js";

function stateMatches(query: ParsedQuery, state: number): boolean {
  const want = query.state;
  if (want === undefined || want === "all") return true;
  if (want === "active" || want === "1") return state === 1;
  return state === 2;
}

function listResponse<T>(
  items: T[],
  query: ParsedQuery,
  toJson: (item: T) => unknown,
  keys: Record<string, (item: T) => number | string>,
) {
  const { page, orderBy, limit, offset, total } = paginate(items, query, keys);
  const filters: Record<string, unknown> = { ...query, limit, offset };
  delete filters.order_by;
  return ok(page.map(toJson), {
    filters,
    order_by: orderBy,
    pagination: { count: page.length, total_count: total },
  });
}

const listAccounts = (ctx: RequestContext) =>
  listResponse([ctx.account], { limit: 100, offset: 0 }, accountJson, { id: (a) => a.id });

const getAccount = (ctx: RequestContext) => ok(accountJson(ctx.account));

function projectsOf(ctx: RequestContext) {
  return [...ctx.state.projects.values()].filter((p) => p.accountId === ctx.account.id);
}

const listProjects = (ctx: RequestContext) => {
  const q = ctx.query;
  const items = projectsOf(ctx).filter(
    (p) =>
      stateMatches(q, 1) &&
      (typeof q.name__icontains !== "string" ||
        p.name.toLowerCase().includes(q.name__icontains.toLowerCase())) &&
      (typeof q.pk !== "number" || p.id === q.pk) &&
      (typeof q.pk__gt !== "number" || p.id > q.pk__gt) &&
      (!Array.isArray(q.pk__in) || (q.pk__in as number[]).includes(p.id)),
  );
  return listResponse(items, q, (p) => projectJson(ctx.state, p), {
    id: (p) => p.id,
    name: (p) => p.name,
    created_at: (p) => p.createdAt,
  });
};

const getProject = (ctx: RequestContext) => {
  const project = ctx.state.projects.get(idParam(ctx, "id"));
  if (!project || project.accountId !== ctx.account.id) throw new ApiFailure(notFound());
  return ok(projectJson(ctx.state, project));
};

function environmentsOf(ctx: RequestContext, projectId?: number) {
  const q = ctx.query;
  return [...ctx.state.environments.values()].filter(
    (e) =>
      e.accountId === ctx.account.id &&
      (projectId === undefined || e.projectId === projectId) &&
      stateMatches(q, 1) &&
      (typeof q.project_id !== "number" || e.projectId === q.project_id) &&
      (!Array.isArray(q.project_id__in) || (q.project_id__in as number[]).includes(e.projectId)) &&
      (typeof q.name !== "string" || e.name === q.name) &&
      (typeof q.name__icontains !== "string" ||
        e.name.toLowerCase().includes(q.name__icontains.toLowerCase())) &&
      (typeof q.deployment_type !== "string" || e.deploymentType === q.deployment_type) &&
      (!Array.isArray(q.deployment_type__in) ||
        (q.deployment_type__in as string[]).includes(e.deploymentType ?? "")) &&
      (typeof q.type !== "string" || e.type === q.type) &&
      (typeof q.dbt_version !== "string" || e.dbtVersion === q.dbt_version) &&
      (typeof q.pk !== "number" || e.id === q.pk) &&
      (!Array.isArray(q.pk__in) || (q.pk__in as number[]).includes(e.id)) &&
      (typeof q.id__gt !== "number" || e.id > q.id__gt),
  );
}

const envKeys = { id: (e: { id: number }) => e.id, name: (e: { name: string }) => e.name };

const listEnvironmentsV3 = (ctx: RequestContext) => {
  const projectId = idParam(ctx, "project_id");
  const project = ctx.state.projects.get(projectId);
  if (!project || project.accountId !== ctx.account.id) throw new ApiFailure(notFound());
  return listResponse(
    environmentsOf(ctx, projectId),
    ctx.query,
    (e) => environmentJson(ctx.state, e),
    envKeys,
  );
};

const listEnvironmentsV2 = (ctx: RequestContext) =>
  listResponse(environmentsOf(ctx), ctx.query, (e) => environmentJson(ctx.state, e), envKeys);

const getEnvironment = (ctx: RequestContext) => {
  const env = ctx.state.environments.get(idParam(ctx, "id"));
  const projectId = ctx.params.project_id === undefined ? undefined : idParam(ctx, "project_id");
  if (!env || env.accountId !== ctx.account.id || (projectId !== undefined && env.projectId !== projectId)) {
    throw new ApiFailure(notFound());
  }
  return ok(environmentJson(ctx.state, env));
};

const STATE = "state" as const;
const INCLUDE = { include_related: "string" } as const;
/** The v2 and v3 project lists take the same filters. */
const PROJECT_LIST_QUERY: ParamSpec = {
  ...PAGING,
  ...INCLUDE,
  name__icontains: "string",
  pk: "int",
  pk__gt: "int",
  pk__in: "int[]",
  state: STATE,
};

/** The account, project and environment operations. */
export const workspaceOperations: Operation[] = [
  { name: "listAccounts", method: "GET", path: "/api/v3/accounts/", query: INCLUDE, handler: listAccounts },
  { name: "listAccountsV2", method: "GET", path: "/api/v2/accounts/", query: INCLUDE, handler: listAccounts },
  {
    name: "getAccount",
    method: "GET",
    path: "/api/v2/accounts/{account_id}/",
    query: INCLUDE,
    handler: getAccount,
  },
  {
    name: "listProjects",
    method: "GET",
    path: "/api/v3/accounts/{account_id}/projects/",
    query: PROJECT_LIST_QUERY,
    handler: listProjects,
  },
  {
    name: "listProjectsV2",
    method: "GET",
    path: "/api/v2/accounts/{account_id}/projects/",
    query: PROJECT_LIST_QUERY,
    handler: listProjects,
  },
  {
    name: "getProject",
    method: "GET",
    path: "/api/v3/accounts/{account_id}/projects/{id}/",
    query: INCLUDE,
    handler: getProject,
  },
  {
    name: "getProjectV2",
    method: "GET",
    path: "/api/v2/accounts/{account_id}/projects/{id}/",
    query: INCLUDE,
    handler: getProject,
  },
  {
    name: "listEnvironments",
    method: "GET",
    path: "/api/v3/accounts/{account_id}/projects/{project_id}/environments/",
    query: {
      ...PAGING,
      ...INCLUDE,
      credentials_id: "int",
      dbt_version: "string",
      dbt_version__in: "string[]",
      deployment_type: "string",
      deployment_type__in: "string[]",
      id__gt: "int",
      name: "string",
      name__icontains: "string",
      pk: "int",
      pk__in: "int[]",
      project_id__in: "int[]",
      state: STATE,
      type: "string",
    },
    handler: listEnvironmentsV3,
  },
  {
    name: "getEnvironment",
    method: "GET",
    path: "/api/v3/accounts/{account_id}/projects/{project_id}/environments/{id}/",
    query: INCLUDE,
    handler: getEnvironment,
  },
  {
    name: "listEnvironmentsV2",
    method: "GET",
    path: "/api/v2/accounts/{account_id}/environments/",
    query: {
      ...PAGING,
      ...INCLUDE,
      dbt_version: "string",
      dbt_version__in: "string[]",
      pk: "int",
      project_id: "int",
      project_id__in: "int[]",
      state: STATE,
    },
    handler: listEnvironmentsV2,
  },
  {
    name: "getEnvironmentV2",
    method: "GET",
    path: "/api/v2/accounts/{account_id}/environments/{id}/",
    query: INCLUDE,
    handler: getEnvironment,
  },
];

export { listResponse, stateMatches };
