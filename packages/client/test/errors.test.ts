import { describe, expect, it } from "vitest";
import {
  DbtCloudApiError,
  DbtCloudAuthError,
  DbtCloudError,
  DbtCloudNetworkError,
  DbtCloudNotFoundError,
  DbtCloudRateLimitError,
  DbtCloudResponseError,
  DbtCloudRunFailedError,
  DbtCloudTimeoutError,
  DbtCloudValidationError,
} from "../src/index.js";
import { run } from "./helpers.js";

describe("the error family", () => {
  const cause = new Error("underlying");
  const where = { method: "GET", path: "/api/v2/accounts/1/runs/5/" };
  const errors: Array<[string, DbtCloudError, boolean]> = [
    ["DbtCloudError", new DbtCloudError("x", { cause }), true],
    ["DbtCloudApiError", new DbtCloudApiError({ ...where, status: 500, cause }), true],
    ["DbtCloudAuthError", new DbtCloudAuthError({ ...where, status: 401, cause }), true],
    ["DbtCloudNotFoundError", new DbtCloudNotFoundError({ ...where, status: 404, cause }), true],
    [
      "DbtCloudRateLimitError",
      new DbtCloudRateLimitError({ ...where, status: 429, cause, retryAfterMs: 5 }),
      true,
    ],
    [
      "DbtCloudResponseError",
      new DbtCloudResponseError({ ...where, status: 200, bodyExcerpt: "<html>", problem: "HTML", cause }),
      true,
    ],
    ["DbtCloudNetworkError", new DbtCloudNetworkError({ ...where, timedOut: false, cause }), true],
    ["DbtCloudRunFailedError", new DbtCloudRunFailedError(run({ status: 20 }), { cause }), true],
    ["DbtCloudValidationError", new DbtCloudValidationError("jobId", "is not an id.", { cause }), true],
    ["DbtCloudTimeoutError", new DbtCloudTimeoutError(5, 1000, undefined), false],
  ];

  it.each(errors)("%s extends DbtCloudError, keeps its name and carries cause", (name, error, hasCause) => {
    expect(error).toBeInstanceOf(DbtCloudError);
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe(name);
    if (hasCause) expect(error.cause).toBe(cause);
  });
});
