import { z } from "zod";
import { nBool, nInt, nStr } from "./common.js";

export const DbtCloudEnvironment = z.looseObject({
  id: z.number().int(),
  account_id: nInt(),
  project_id: nInt(),
  name: nStr(),
  type: nStr(),
  deployment_type: nStr(),
  dbt_version: nStr(),
  use_custom_branch: nBool(),
  custom_branch: nStr(),
  credentials_id: nInt(),
  connection_id: nInt(),
  state: nInt(),
});
export type DbtCloudEnvironment = z.infer<typeof DbtCloudEnvironment>;

export const DbtCloudProject = z.looseObject({
  id: z.number().int(),
  account_id: nInt(),
  name: nStr(),
  description: nStr(),
  connection_id: nInt(),
  repository_id: nInt(),
  dbt_project_subdirectory: nStr(),
  docs_job_id: nInt(),
  freshness_job_id: nInt(),
  state: nInt(),
});
export type DbtCloudProject = z.infer<typeof DbtCloudProject>;

export const DbtCloudAccount = z.looseObject({
  id: z.number().int(),
  name: nStr(),
  plan: nStr(),
  state: nInt(),
  run_slots: nInt(),
  queue_limit: nInt(),
  run_duration_limit_seconds: nInt(),
  locked: nBool(),
  lock_reason: nStr(),
  lock_cause: nStr(),
  run_locked_until: nStr(),
  static_subdomain: nStr(),
  vanity_subdomain: nStr(),
  identifier: nStr(),
});
export type DbtCloudAccount = z.infer<typeof DbtCloudAccount>;
