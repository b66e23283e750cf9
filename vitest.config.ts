import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // tests/*: repository-level suites (packaging of the published packages, the first-run experience).
    projects: ["packages/*", "apps/*", "tests/*"],
  },
});
