import { controlCharacterProblem } from "@dbt-cloud-kit/app-kit";
import { describe, expect, it } from "vitest";
import { base, parse, problemOf } from "./config-helpers.js";

/** Inputs whose values go into request bodies (or the job lookup) as they are. */
const TEXT_INPUTS = [
  "cause",
  "git-branch",
  "schema-override",
  "dbt-version-override",
  "target-name-override",
  "job-name",
] as const;

const withJob = (input: string, value: string) =>
  input === "job-name"
    ? { "api-token": base["api-token"], "account-id": base["account-id"], "job-name": value }
    : { ...base, [input]: value };

describe("control characters in values sent to dbt Cloud", () => {
  it.each(TEXT_INPUTS)("%s rejects them, naming the character and its position", (input) => {
    for (const [value, code, position] of [
      ["dbt_pr\n42", "000A", 7],
      ["ok\u0000", "0000", 3],
      ["\u001b[31mred", "001B", 1],
      ["tab\there", "0009", 4],
      ["del\u007f", "007F", 4],
      ["next\u0085line", "0085", 5],
      ["para\u2029graph", "2029", 5],
    ] as const) {
      const problem = problemOf(withJob(input, value), input);
      expect(problem.problem).toBe(`contains a control character (U+${code}) at position ${position}`);
      expect(problem.fix).toMatch(/remove it/);
    }
  });

  it.each(TEXT_INPUTS)("%s keeps ordinary text, Unicode included", (input) => {
    const value = "dbt_cloud_pr_7_42 — ünïcödé 🚀";
    expect(() => parse(withJob(input, value))).not.toThrow();
  });

  it("counts positions in characters, not UTF-16 units", () => {
    expect(controlCharacterProblem("🚀🚀\u0007")).toBe("contains a control character (U+0007) at position 3");
  });

  it("checks each steps-override line and names the line", () => {
    const problem = problemOf(
      { ...base, "steps-override": "dbt seed\ndbt build -s\u0007x" },
      "steps-override",
    );
    expect(problem.problem).toBe("line 2 contains a control character (U+0007) at position 13");
    // Line breaks separate steps, and CRLF line ends are fine.
    expect(parse({ ...base, "steps-override": "dbt seed\r\ndbt build\r\n" }).overrides.stepsOverride).toEqual(
      ["dbt seed", "dbt build"],
    );
    // A lone carriage return inside a line is not.
    expect(problemOf({ ...base, "steps-override": "dbt seed\rdbt run" }, "steps-override").problem).toMatch(
      /U\+000D/,
    );
  });

  it("never echoes a control character in a message", () => {
    const problem = problemOf({ ...base, "git-sha": "abc\u001b]8;;x\u0007" }, "git-sha");
    expect(problem.problem).toContain("\\u001b");
    expect(problem.problem).not.toMatch(/\p{Cc}/u);
  });
});
