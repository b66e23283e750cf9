import { expect } from "vitest";
import { ActionInputError, type InputProblem } from "../../src/config/input-error.js";
import { parseConfig } from "../../src/config/parse-config.js";
import { inputEnvName, readRawInputs } from "../../src/config/read-raw-inputs.js";
import type { GithubContext } from "../../src/github/github-context.js";

export const TOKEN = "dbtc_s3cr3t-token-value";
export const push: GithubContext = {
  eventName: "push",
  serverUrl: "https://github.com",
  apiUrl: "https://api.github.com",
};
export const prContext: GithubContext = {
  ...push,
  eventName: "pull_request",
  pullRequest: { number: 42, headSha: "a".repeat(40), headRef: "feature", isFork: false },
};

/** Inputs as the runner passes them (INPUT_* variables), plus other variables. */
export function env(inputs: Record<string, string>, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const result: NodeJS.ProcessEnv = { ...extra };
  for (const [k, v] of Object.entries(inputs)) result[inputEnvName(k)] = v;
  return result;
}

export const base = { "api-token": TOKEN, "account-id": "12", "job-id": "34" };

export function parse(
  inputs: Record<string, string>,
  context: GithubContext = push,
  extra: Record<string, string> = {},
) {
  return parseConfig(readRawInputs(env(inputs, extra)), context);
}

/** The problems of inputs that must be rejected (fails the test when they are accepted). */
export function problems(
  inputs: Record<string, string>,
  context: GithubContext = push,
  extra: Record<string, string> = {},
): readonly InputProblem[] {
  try {
    parse(inputs, context, extra);
  } catch (error) {
    expect(error).toBeInstanceOf(ActionInputError);
    return (error as ActionInputError).problems;
  }
  throw new Error("expected the inputs to be rejected");
}

/** The one problem about `input`. */
export function problemOf(inputs: Record<string, string>, input: string): InputProblem {
  const found = problems(inputs).filter((p) => p.input === input);
  expect(found, `problems about ${input}`).toHaveLength(1);
  return found[0] as InputProblem;
}
