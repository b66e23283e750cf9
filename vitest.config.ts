import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // tests/*: repository-level suites (packaging of the published packages, the first-run experience);
    // docs: the README examples and the generated example page.
    projects: ["packages/*", "apps/*", "tests/*", "docs"],
  },
});
