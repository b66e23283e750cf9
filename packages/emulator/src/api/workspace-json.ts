import type { EmulatorState } from "../state/emulator-state.js";
import type { AccountEntity, EnvironmentEntity, JobEntity, ProjectEntity } from "../state/entities.js";
import { compact, iso } from "./json-format.js";

/** An account as `GET /accounts/{id}/` returns it. */
export function accountJson(a: AccountEntity): Record<string, unknown> {
  const at = iso(a.createdAt);
  return {
    id: a.id,
    name: a.name,
    state: 1,
    plan: a.plan,
    pending_cancel: false,
    run_slots: 5,
    developer_seats: 10,
    analyst_seats: 0,
    explorer_seats: 0,
    it_seats: 0,
    read_only_seats: 5,
    queue_limit: 50,
    run_duration_limit_seconds: 86_400,
    pod_memory_request_mebibytes: 600,
    develop_pod_memory_request_mebibytes: 0,
    locked: false,
    // The spec makes these required and non-null; dbt Cloud sends null for an account that was never locked.
    lock_reason: "",
    lock_cause: "other",
    run_locked_until: at,
    copilot_locked_until: at,
    trial_end_date: at,
    agent_credit_locked: false,
    unlocked_at: at,
    created_at: at,
    updated_at: at,
    static_subdomain: `em${a.id}`,
    vanity_subdomain: `emulated-${a.id}`,
    identifier: `act_${a.id}`,
    business_critical: false,
    enterprise_login_slug: `emulated-${a.id}`,
    billing_email_address: "billing@example.com",
    git_auth_level: "team",
    starter_repo_url: "",
    groups: [],
    account_migration_events: [],
  };
}

const CONNECTION_NAME = "Postgres";

function connectionJson(accountId: number, projectId: number): Record<string, unknown> {
  return {
    id: projectId * 10 + 1,
    account_id: accountId,
    project_id: projectId,
    name: CONNECTION_NAME,
    type: "postgres",
    state: 1,
    dbname: "analytics",
    hostname: "warehouse.internal",
    port: 5432,
    tunnel_enabled: false,
  };
}

function repositoryJson(accountId: number, projectId: number): Record<string, unknown> {
  return {
    id: projectId * 10 + 2,
    account_id: accountId,
    project_id: projectId,
    remote_url: "git@github.com:example/analytics.git",
    remote_backend: "github",
    git_clone_strategy: "github_app",
    state: 1,
  };
}

function jobDefinitionV2(job: JobEntity): Record<string, unknown> {
  return {
    id: job.id,
    account_id: job.accountId,
    project_id: job.projectId,
    environment_id: job.environmentId,
    name: job.name,
    execute_steps: job.executeSteps,
    execution: { timeout_seconds: 0 },
    generate_docs: job.generateDocs,
    run_generate_sources: false,
    settings: { threads: job.threads, target_name: job.targetName },
    state: job.state,
  };
}

/** A project as the v3 project endpoints return it. */
export function projectJson(state: EmulatorState, p: ProjectEntity): Record<string, unknown> {
  const jobs = [...state.jobs.values()].filter((j) => j.projectId === p.id && j.state === 1);
  const docsJob = jobs.find((j) => j.generateDocs) ?? jobs[0];
  const freshnessJob = jobs.find((j) => j.jobType === "scheduled") ?? jobs[0];
  return compact({
    id: p.id,
    account_id: p.accountId,
    name: p.name,
    description: p.description,
    connection_id: p.id * 10 + 1,
    repository_id: p.id * 10 + 2,
    connection: connectionJson(p.accountId, p.id),
    repository: repositoryJson(p.accountId, p.id),
    environments: [...state.environments.values()]
      .filter((e) => e.projectId === p.id)
      .map((e) => environmentJson(state, e)),
    docs_job_id: docsJob?.id,
    freshness_job_id: freshnessJob?.id,
    // Required (non-null) in the spec; dbt Cloud sends null when the project has no such job.
    docs_job: docsJob ? jobDefinitionV2(docsJob) : undefined,
    freshness_job: freshnessJob ? jobDefinitionV2(freshnessJob) : undefined,
    group_permissions: [],
    default_version: "latest",
    fusion_readiness: {},
    dbt_project_subdirectory: "",
    type: 0,
    state: 1,
    created_at: iso(p.createdAt),
    updated_at: iso(p.createdAt),
  });
}

/** An environment as the v3 environment endpoints return it. */
export function environmentJson(state: EmulatorState, e: EnvironmentEntity): Record<string, unknown> {
  const project = state.projects.get(e.projectId);
  return compact({
    id: e.id,
    account_id: e.accountId,
    project_id: e.projectId,
    name: e.name,
    type: e.type,
    deployment_type: e.deploymentType,
    dbt_version: e.dbtVersion,
    raw_dbt_version: e.dbtVersion,
    use_custom_branch: false,
    supports_docs: e.type === "deployment",
    is_deferrable: e.type === "deployment",
    enable_model_query_history: false,
    enable_dbt_state: false,
    credentials_id: e.id * 10 + 3,
    connection_id: e.projectId * 10 + 1,
    repository_id: e.projectId * 10 + 2,
    connection: connectionJson(e.accountId, e.projectId),
    repository: repositoryJson(e.accountId, e.projectId),
    credentials: {
      id: e.id * 10 + 3,
      account_id: e.accountId,
      project_id: e.projectId,
      type: "postgres",
      state: 1,
      username: "dbt_cloud",
      default_schema: e.type === "development" ? "dbt_dev" : "dbt_prod",
      target_name: "default",
      threads: 4,
    },
    project: project
      ? { id: project.id, account_id: project.accountId, name: project.name, state: 1, type: 0 }
      : undefined,
    custom_environment_variables: [],
    jobs: [],
    fusion_readiness: {},
    state: 1,
    created_at: iso(e.createdAt),
    updated_at: iso(e.createdAt),
  });
}
