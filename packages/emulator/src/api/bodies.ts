import { z } from "zod";
import { ApiFailure, badRequest } from "./envelope.js";

const nonEmpty = z.string().min(1, { error: "This field may not be blank." });
const int = z.number().int({ error: "A valid integer is required." });
const dbtSteps = z.array(
  z.string().regex(/^dbt\s+\S/, { error: 'Each step must be a dbt command starting with "dbt ".' }),
);

/** TriggerRunRequest from the spec: only `cause` is required; strings have minLength 1. */
export const triggerBodySchema = z.strictObject({
  cause: z
    .string({ error: "This field is required." })
    .min(1, { error: "This field may not be blank." })
    .max(255, { error: "Ensure this field has no more than 255 characters." }),
  git_sha: nonEmpty.optional(),
  git_branch: nonEmpty.optional(),
  github_pull_request_id: int.optional(),
  gitlab_merge_request_id: int.optional(),
  azure_pull_request_id: int.optional(),
  non_native_pull_request_id: int.optional(),
  schema_override: nonEmpty.optional(),
  dbt_version_override: nonEmpty.optional(),
  threads_override: int.positive().optional(),
  target_name_override: nonEmpty.optional(),
  generate_docs_override: z.boolean({ error: "Must be a valid boolean." }).optional(),
  timeout_seconds_override: int.min(0).optional(),
  steps_override: dbtSteps.min(1, { error: "Ensure this field has at least 1 elements." }).optional(),
});

/** Trigger overrides as the API body carries them (already validated). */
export type TriggerBody = z.infer<typeof triggerBodySchema>;

/** The job fields the emulator models; the rest of HumanReadableJobDefinitionRequest is stored as sent. */
export const jobBodySchema = z.looseObject({
  account_id: int.optional(),
  project_id: int,
  environment_id: int,
  name: nonEmpty,
  description: z.string().optional(),
  execute_steps: dbtSteps.optional(),
  generate_docs: z.boolean().optional(),
  dbt_version: z.string().nullable().optional(),
  job_type: z.enum(["ci", "scheduled", "other", "merge", "exposure_sync", "adaptive", "hybrid"]).optional(),
  settings: z
    .looseObject({ threads: int.positive().optional(), target_name: z.string().optional() })
    .optional(),
  state: z.union([z.literal(1), z.literal(2)]).optional(),
});

/** Parses a request body, answering 400 with dbt Cloud's string `data` when it is invalid. */
export function parseBody<T>(schema: z.ZodType<T>, body: unknown): T {
  if (body === undefined || body === null || typeof body !== "object" || Array.isArray(body)) {
    throw new ApiFailure(badRequest("The request body must be a JSON object."));
  }
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const parts = result.error.issues.map((issue) => {
    if (issue.code === "unrecognized_keys") {
      return `Additional properties are not allowed (${issue.keys.map((k) => `'${k}'`).join(", ")} ${issue.keys.length === 1 ? "was" : "were"} unexpected)`;
    }
    const field = issue.path.map(String).join(".");
    const message =
      issue.code === "invalid_type" && issue.input === undefined ? "This field is required." : issue.message;
    return field ? `${field}: ${message}` : message;
  });
  throw new ApiFailure(badRequest(parts.join("; ")));
}
