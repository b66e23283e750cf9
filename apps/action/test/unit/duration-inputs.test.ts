import { readFileSync } from "node:fs";
import { DURATION_MINIMUM_SECONDS } from "@dbt-cloud-kit/app-kit";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
// @ts-expect-error plain ESM script shared with `pnpm docs`, no type declarations
import { actionYmlPath } from "../../scripts/action-tables.mjs";
import { base, parse, problemOf } from "./config-helpers.js";

const DURATIONS = ["poll-interval", "timeout", "request-timeout"] as const;

describe("durations that round to 0 ms", () => {
  it.each(DURATIONS)("%s below the minimum is an input error naming it", (input) => {
    for (const value of ["0.0004", "0.00000001", ".0001"]) {
      const problem = problemOf({ ...base, [input]: value }, input);
      expect(problem.problem).toContain(JSON.stringify(value));
      expect(problem.problem).toMatch(/rounds to 0 ms/);
      expect(problem.fix).toContain(String(DURATION_MINIMUM_SECONDS));
    }
  });

  it.each(DURATIONS)("%s at the minimum is accepted (1 ms)", (input) => {
    const config = parse({ ...base, [input]: String(DURATION_MINIMUM_SECONDS) });
    const field = {
      "poll-interval": "pollIntervalMs",
      timeout: "timeoutMs",
      "request-timeout": "requestTimeoutMs",
    }[input] as "pollIntervalMs" | "timeoutMs" | "requestTimeoutMs";
    expect(config[field]).toBe(1);
    // Rounds to 1 ms but is below the documented minimum: the documented rule wins.
    expect(problemOf({ ...base, [input]: "0.0005" }, input).problem).toMatch(/below the minimum of 0.001/);
  });

  it("keeps timeout: 0 as no limit and tells a rounded-away timeout from it", () => {
    expect(parse({ ...base, timeout: "0" }).timeoutMs).toBe(0);
    expect(parse({ ...base, timeout: "0.000" }).timeoutMs).toBe(0);
    expect(problemOf({ ...base, timeout: "0.0001" }, "timeout").fix).toMatch(/0 for no limit/);
  });

  it("documents each minimum in action.yml", () => {
    const action = parseYaml(readFileSync(actionYmlPath, "utf8")) as {
      inputs: Record<string, { description: string }>;
    };
    for (const input of DURATIONS) {
      expect(action.inputs[input]?.description, input).toContain(`minimum ${DURATION_MINIMUM_SECONDS}`);
    }
  });
});
