import type { DbtCloudRun } from "@dbt-cloud-kit/client";
import { describe, expect, it } from "vitest";
import { sameCommit } from "../src/run-flow/in-flight-runs.js";

const run = (fields: Partial<DbtCloudRun>): DbtCloudRun => ({ id: 1, status: 3, ...fields }) as DbtCloudRun;
const FULL = "0123456789abcdef0123456789abcdef01234567";

describe("sameCommit", () => {
  it("matches the sha the trigger asked for, full or abbreviated on either side, any case", () => {
    expect(sameCommit(run({ trigger: { git_sha: FULL } }), FULL)).toBe(true);
    expect(sameCommit(run({ trigger: { git_sha: FULL } }), "0123456")).toBe(true);
    expect(sameCommit(run({ trigger: { git_sha: "0123456789AB" } }), FULL.toUpperCase())).toBe(true);
  });

  it("falls back to the checked-out sha when the trigger has none", () => {
    expect(sameCommit(run({ trigger: { git_sha: null }, git_sha: FULL }), FULL)).toBe(true);
    expect(sameCommit(run({ git_sha: FULL }), "fedcba9")).toBe(false);
  });

  it("never matches a run whose commit is unknown or too short to tell", () => {
    expect(sameCommit(run({}), FULL)).toBe(false);
    expect(sameCommit(run({ git_sha: "" }), FULL)).toBe(false);
    expect(sameCommit(run({ git_sha: "0123" }), FULL)).toBe(false);
  });
});
