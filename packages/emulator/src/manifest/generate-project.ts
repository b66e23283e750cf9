import { generateShopProject } from "@dbt-cloud-kit/testkit";
import type { Manifest } from "./types.js";

/**
 * The default workspace's dbt project: a small shop with sources, seeds, staging views, an ephemeral
 * model, marts, an incremental model, a snapshot, generic and singular tests, a unit test, an analysis
 * and an exposure, shaped like a dbt 1.9 manifest v12 so the code that parses real manifests parses it.
 * Deterministic: the same JSON every time.
 */
export function generateProjectManifest(): Manifest {
  return generateShopProject() as unknown as Manifest;
}
