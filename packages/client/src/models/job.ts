import { z } from "zod";
import { nBool, nInt, nStr } from "./common.js";

/** A job definition. Unknown fields are kept; `most_recent_run` etc. appear with `include_related`. */
export const DbtCloudJob = z.looseObject({
  id: z.number().int(),
  account_id: nInt(),
  project_id: nInt(),
  environment_id: nInt(),
  name: nStr(),
  description: nStr(),
  job_type: nStr(),
  execute_steps: z.array(z.string()).nullish(),
  state: nInt(),
  dbt_version: nStr(),
  generate_docs: nBool(),
  run_generate_sources: nBool(),
  deactivated: nBool(),
  created_at: nStr(),
  updated_at: nStr(),
  triggers: z.looseObject({}).nullish(),
  settings: z.looseObject({ threads: nInt(), target_name: nStr() }).nullish(),
  execution: z.looseObject({ timeout_seconds: nInt() }).nullish(),
  schedule: z.looseObject({}).nullish(),
  most_recent_run: z.looseObject({ id: nInt(), status: nInt() }).nullish(),
  most_recent_completed_run: z.looseObject({ id: nInt(), status: nInt() }).nullish(),
});
export type DbtCloudJob = z.infer<typeof DbtCloudJob>;
