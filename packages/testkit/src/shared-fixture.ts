import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** `fixtures/` of the shared directory next to the repository (`<repo>/../shared/fixtures`). */
export const SHARED_FIXTURES_DIR = fileURLToPath(new URL("../../../../shared/fixtures/", import.meta.url));

/**
 * The absolute path of a shared fixture (real dbt artifacts, the dbt Cloud OpenAPI spec), read in place:
 * `sharedFixture("jaffle-shop", "manifest.json")`. Throws, naming the path, when it does not exist.
 */
export function sharedFixture(...segments: string[]): string {
  const path = join(SHARED_FIXTURES_DIR, ...segments);
  if (!path.startsWith(SHARED_FIXTURES_DIR.replace(/\/$/, ""))) {
    throw new Error(
      `sharedFixture: ${JSON.stringify(segments.join("/"))} leaves the shared fixtures directory.`,
    );
  }
  if (!existsSync(path)) {
    throw new Error(
      `sharedFixture: ${path} does not exist. Shared fixtures are read in place from ../shared/fixtures next to the repository.`,
    );
  }
  return path;
}
