import { readdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** The shared, read-only real dbt artifacts (never copied into the repo). */
export const DBT_ARTIFACTS_DIR = fileURLToPath(
  new URL("../../../../../shared/fixtures/dbt-artifacts/", import.meta.url),
);

export function artifactPath(relative: string): string {
  return join(DBT_ARTIFACTS_DIR, relative);
}

/** Every `.json` file under the fixtures folder, as paths relative to it, sorted. */
export function listArtifactFiles(dir = DBT_ARTIFACTS_DIR, prefix = ""): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const relative = prefix === "" ? entry.name : `${prefix}/${entry.name}`;
    if (entry.isDirectory()) files.push(...listArtifactFiles(join(dir, entry.name), relative));
    else if (entry.name.endsWith(".json")) files.push(relative);
  }
  return files.sort();
}
