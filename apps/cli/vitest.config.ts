import { defineProject } from "vitest/config";
import { sharedProjectConfig } from "../../vitest.shared.js";

const shared = sharedProjectConfig(import.meta.url);

export default defineProject({
  ...shared,
  test: {
    ...shared.test,
    // End-to-end tests run the built bin: build it once before the files run.
    globalSetup: ["test/support/build-once.ts"],
    // Each test starts several Node processes; the whole suite shares two cores with other projects.
    testTimeout: 90_000,
    hookTimeout: 90_000,
  },
});
