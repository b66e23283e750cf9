// The bundle and the tests map this name to @actions/github's lib/context.js (tsup.config.ts,
// vitest.config.ts): its Context class alone, without the Octokit the package entry also loads.
declare module "dbt-cloud-kit-github-context" {
  import type { context } from "@actions/github";
  export const Context: new () => typeof context;
}
