import { z } from "zod";
import { nBool, nInt, nStr } from "./common.js";

/** A run step (`run_steps[]` or `GET /steps/{id}/`). Unknown fields are kept. */
export const DbtCloudRunStep = z.looseObject({
  id: nInt(),
  run_id: nInt(),
  account_id: nInt(),
  /** 1-based position in the run. */
  index: z.number().int(),
  status: nInt(),
  status_humanized: nStr(),
  name: nStr(),
  logs: nStr(),
  debug_logs: nStr(),
  truncated_debug_logs: nStr(),
  log_path: nStr(),
  debug_log_path: nStr(),
  started_at: nStr(),
  finished_at: nStr(),
  duration: nStr(),
  duration_humanized: nStr(),
  run_step_command: z.looseObject({ dbt_command: nStr() }).nullish(),
  log_archive_type: nStr(),
  log_location: nStr(),
  truncated: nBool(),
});
export type DbtCloudRunStep = z.infer<typeof DbtCloudRunStep>;
