import { defineProject } from "vitest/config";
import { sharedProjectConfig } from "../../vitest.shared.js";
import { githubContextModule } from "./github-context-path.js";

const shared = sharedProjectConfig(import.meta.url);

export default defineProject({
  ...shared,
  resolve: { ...shared.resolve, alias: { "dbt-cloud-kit-github-context": githubContextModule } },
});
