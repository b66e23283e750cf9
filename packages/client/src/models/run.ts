import { z } from "zod";
import { nBool, nInt, nStr } from "./common.js";
import { DbtCloudJob } from "./job.js";
import { DbtCloudRunStep } from "./run-step.js";

/** `run.trigger` (with `include_related=trigger`): the cause and every override echoed. */
export const DbtCloudRunTrigger = z.looseObject({
  id: nInt(),
  cause: nStr(),
  cause_category: nStr(),
  job_definition_id: nInt(),
  git_branch: nStr(),
  git_sha: nStr(),
  github_pull_request_id: nInt(),
  schema_override: nStr(),
  dbt_version_override: nStr(),
  threads_override: nInt(),
  target_name_override: nStr(),
  generate_docs_override: nBool(),
  timeout_seconds_override: nInt(),
  steps_override: z.array(z.string()).nullish(),
});
export type DbtCloudRunTrigger = z.infer<typeof DbtCloudRunTrigger>;

/** A run (`RunResponse`). `status` is the only field decisions are based on. Unknown fields are kept. */
export const DbtCloudRun = z.looseObject({
  id: z.number().int(),
  status: z.number().int(),
  trigger_id: nInt(),
  account_id: nInt(),
  project_id: nInt(),
  environment_id: nInt(),
  job_definition_id: nInt(),
  job_id: nInt(),
  status_humanized: nStr(),
  status_message: nStr(),
  href: nStr(),
  git_branch: nStr(),
  git_sha: nStr(),
  dbt_version: nStr(),
  created_at: nStr(),
  updated_at: nStr(),
  should_start_at: nStr(),
  dequeued_at: nStr(),
  started_at: nStr(),
  finished_at: nStr(),
  last_checked_at: nStr(),
  last_heartbeat_at: nStr(),
  duration: nStr(),
  queued_duration: nStr(),
  run_duration: nStr(),
  duration_humanized: nStr(),
  queued_duration_humanized: nStr(),
  run_duration_humanized: nStr(),
  in_progress: nBool(),
  is_complete: nBool(),
  is_success: nBool(),
  is_error: nBool(),
  is_cancelled: nBool(),
  is_running: nBool(),
  artifacts_saved: nBool(),
  artifact_s3_path: nStr(),
  has_docs_generated: nBool(),
  has_sources_generated: nBool(),
  /** Runs this one waits behind (queueing). */
  blocked_by: z.array(z.number().int()).nullish(),
  /** Position in the account queue, when the API reports it. */
  queued_position: nInt(),
  can_retry: nBool(),
  retry_not_supported_reason: nStr(),
  retrying_run_id: nInt(),
  deferring_run_id: nInt(),
  trigger: DbtCloudRunTrigger.nullish(),
  job: DbtCloudJob.nullish(),
  environment: z.looseObject({ id: nInt(), name: nStr() }).nullish(),
  run_steps: z.array(DbtCloudRunStep).nullish(),
});
export type DbtCloudRun = z.infer<typeof DbtCloudRun>;

/** `GET /runs/{id}/retry/`. */
export const DbtCloudRunFailureDetails = z.looseObject({
  failed_step: z.unknown().optional(),
  skipped_steps: z.array(z.unknown()).nullish(),
});
export type DbtCloudRunFailureDetails = z.infer<typeof DbtCloudRunFailureDetails>;
