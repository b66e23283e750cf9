import { fileURLToPath } from "node:url";

/** The shared real dbt artifacts, read in place (never copied into the repo). */
export const ARTIFACTS_DIR = fileURLToPath(
  new URL("../../../../shared/fixtures/dbt-artifacts/", import.meta.url),
);
