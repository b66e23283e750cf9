import { defineProject } from "vitest/config";
import { sharedProjectConfig } from "../../vitest.shared.js";

const shared = sharedProjectConfig(import.meta.url);

export default defineProject({
  ...shared,
  test: {
    ...shared.test,
    // End-to-end tests run the built bin: build it once before the files run.
    globalSetup: ["test/support/build-once.ts"],
  },
});
