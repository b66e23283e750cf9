import { fileURLToPath } from "node:url";
import { defineProject, mergeConfig } from "vitest/config";
import { sharedProjectConfig } from "../vitest.shared.js";

/**
 * The docs project runs the README examples as a user would write them. They import the packages by
 * name from a temporary directory outside the workspace, so each name is mapped to its source here.
 */
const packages = ["credentials", "client", "assets", "sensor", "emulator", "app-kit"];
const alias = packages.map((name) => ({
  find: new RegExp(`^@dbt-cloud-kit/${name}$`),
  replacement: fileURLToPath(new URL(`../packages/${name}/src/index.ts`, import.meta.url)),
}));

export default defineProject(
  mergeConfig(sharedProjectConfig(import.meta.url), {
    resolve: { alias },
    test: { testTimeout: 120_000 },
  }),
);
