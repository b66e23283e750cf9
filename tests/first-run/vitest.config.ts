import { defineProject } from "vitest/config";
import { githubContextModule } from "../../apps/action/github-context-path.js";
import { sharedProjectConfig } from "../../vitest.shared.js";

const shared = sharedProjectConfig(import.meta.url);

// The error-text scan loads the action's config code, which imports @actions/github's Context by an alias.
export default defineProject({
  ...shared,
  resolve: { ...shared.resolve, alias: { "dbt-cloud-kit-github-context": githubContextModule } },
});
