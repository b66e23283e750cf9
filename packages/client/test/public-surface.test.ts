import { describe, expect, it } from "vitest";
import * as client from "../src/index.js";

describe("the package entry", () => {
  it("exports the public surface only (internals are imported from their files)", () => {
    expect(Object.keys(client).sort()).toEqual(
      [
        "ADHOC_JOB_PREFIX",
        "ADHOC_TRIGGER_CAUSE",
        "CLIENT_VERSION",
        "DEFAULT_POLL_INTERVAL_MS",
        "DbtCloudAccount",
        "DbtCloudApiError",
        "DbtCloudAuthError",
        "DbtCloudClient",
        "DbtCloudEnvironment",
        "DbtCloudError",
        "DbtCloudJob",
        "DbtCloudNetworkError",
        "DbtCloudNotFoundError",
        "DbtCloudProject",
        "DbtCloudRateLimitError",
        "DbtCloudResponseError",
        "DbtCloudRun",
        "DbtCloudRunFailedError",
        "DbtCloudRunFailureDetails",
        "DbtCloudRunStep",
        "DbtCloudRunTrigger",
        "DbtCloudTimeoutError",
        "DbtCloudTooLargeError",
        "DbtCloudValidationError",
        "DbtCloudWorkspace",
        "MAX_CAUSE_LENGTH",
        "PROXY_VARS",
        "Paged",
        "RunStatus",
        "USER_AGENT",
        "adhocJobNames",
        "assertRunSucceeded",
        "chooseArtifactStep",
        "formatRunLogs",
        "isAdhocJobName",
        "isKnownStatus",
        "isTerminalStatus",
        "noopLogger",
        "runStatusName",
        "stepDbtCommand",
        "waitForRun",
      ].sort(),
    );
  });
});
