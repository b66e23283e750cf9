import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import {
  ALL_SHARED_OPTIONS,
  ARTIFACT_OPTIONS,
  TRIGGER_OVERRIDE_OPTIONS,
  WAIT_OPTIONS,
} from "../src/options/shared-options.js";
import { secondsValue } from "../src/options/value-checks.js";

const actionYml = parse(
  readFileSync(fileURLToPath(new URL("../../../action.yml", import.meta.url)), "utf8"),
) as {
  inputs: Record<string, { default?: string }>;
};

describe("options shared with the action", () => {
  it("each one is an input of action.yml, with the same default", () => {
    for (const spec of ALL_SHARED_OPTIONS) {
      const input = actionYml.inputs[spec.input];
      expect(input, `action.yml has no input ${spec.input}`).toBeDefined();
      expect(spec.defaultValue, spec.input).toBe(input?.default);
    }
  });

  it("durations: the action's minimums, and nothing that rounds to 0 ms", () => {
    const poll = WAIT_OPTIONS.pollInterval.check;
    expect(poll("0.5")).toEqual({ ok: true, value: 500 });
    expect(poll("0").ok).toBe(false);
    expect(poll("0.0004").ok).toBe(false);
    expect(poll("3601").ok).toBe(false);
    expect(WAIT_OPTIONS.timeout.check("0")).toEqual({ ok: true, value: 0 });
    expect(WAIT_OPTIONS.timeout.check("0.0001").ok).toBe(false);
    expect(secondsValue({ allowZero: false, example: "1", min: 0.001 })("1e3").ok).toBe(false);
  });

  it("a long run of digits is checked in linear time", () => {
    const started = performance.now();
    WAIT_OPTIONS.timeout.check(`${"1".repeat(50_000)}x`);
    expect(performance.now() - started).toBeLessThan(50);
  });

  it("values sent to dbt Cloud carry no control character", () => {
    for (const bad of ["dbt_ci\n42", "x\u0085y", "x\u2028y"]) {
      expect(TRIGGER_OVERRIDE_OPTIONS.schemaOverride.check(bad).ok, JSON.stringify(bad)).toBe(false);
    }
    expect(TRIGGER_OVERRIDE_OPTIONS.schemaOverride.check("dbt_ci_42")).toEqual({
      ok: true,
      value: "dbt_ci_42",
    });
  });

  it("artifact paths must stay inside target/", () => {
    const check = ARTIFACT_OPTIONS.artifacts.check;
    expect(check("run_results.json, compiled/p/models/x.sql")).toEqual({
      ok: true,
      value: ["run_results.json", "compiled/p/models/x.sql"],
    });
    for (const bad of ["../x", "/etc/passwd", "a/../../b", "a\\b", "a//b", "./x", "C:/x", "a:b", "a\u2028b"])
      expect(check(bad).ok, bad).toBe(false);
  });
});
