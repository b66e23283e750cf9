import { JOB_OPTIONS } from "@dbt-cloud-kit/app-kit";
import type { OptionReader } from "../options/option-reader.js";

export interface Scope {
  projectId: number | undefined;
  environmentId: number | undefined;
}

/** --project-id / --environment-id, falling back to DBT_CLOUD_PROJECT_ID / DBT_CLOUD_ENVIRONMENT_ID. */
export function readScope(reader: OptionReader, { environment = true } = {}): Scope {
  return {
    projectId: reader.read(JOB_OPTIONS.projectId, "DBT_CLOUD_PROJECT_ID"),
    environmentId: environment
      ? reader.read(JOB_OPTIONS.environmentId, "DBT_CLOUD_ENVIRONMENT_ID")
      : undefined,
  };
}
