import type { ListEnvironmentsFilters, ListProjectsFilters, RequestOptions } from "../client-options.js";
import type { ApiCore } from "../core/api-core.js";
import type { Paged } from "../core/paged.js";
import { checkId } from "../core/request-values.js";
import type { QueryValue } from "../core/transport.js";
import { DbtCloudAccount, DbtCloudEnvironment, DbtCloudProject } from "../models/scope.js";

/** The account and what scopes its jobs: projects (v3) and their environments (v3). */
export class AccountResource {
  readonly #core: ApiCore;

  constructor(core: ApiCore) {
    this.#core = core;
  }

  async get(options: RequestOptions): Promise<DbtCloudAccount> {
    const core = this.#core;
    return core.data(
      { method: "GET", path: `${core.v2}/`, retry: true, signal: options.signal },
      DbtCloudAccount,
      "account",
    );
  }

  listProjects(filters: ListProjectsFilters): Paged<DbtCloudProject> {
    const query: Record<string, QueryValue> = { name__icontains: filters.nameIcontains, order_by: "id" };
    return this.#core.list(`${this.#core.v3}/projects/`, query, filters, DbtCloudProject, "project");
  }

  listEnvironments(projectId: number, filters: ListEnvironmentsFilters): Paged<DbtCloudEnvironment> {
    checkId("projectId", projectId);
    const query: Record<string, QueryValue> = {
      name: filters.name,
      name__icontains: filters.nameIcontains,
      deployment_type: filters.deploymentType,
      order_by: "id",
    };
    return this.#core.list(
      `${this.#core.v3}/projects/${projectId}/environments/`,
      query,
      filters,
      DbtCloudEnvironment,
      "environment",
    );
  }
}
