// Error texts read as sentences: no doubled full stops in any input error of the action (every input fed bad
// values) or any credentials error; the account-id hint says the same thing in both places.

import { readFileSync } from "node:fs";
import { join } from "node:path";
import {
  credentialsFromEnv,
  DbtCloudCredentials,
  DbtCloudCredentialsError,
  normalizeAccessUrl,
} from "@dbt-cloud-kit/credentials";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { ActionInputError } from "../../../apps/action/src/config/input-error.js";
import { readRawInputs } from "../../../apps/action/src/config/read-raw-inputs.js";
import { failureMessage } from "../../../apps/action/src/run/failure-message.js";
import { loadConfig } from "../../../apps/action/src/setup/load-config.js";

const repoRoot = join(import.meta.dirname, "..", "..", "..");
const actionInputs = Object.keys(parse(readFileSync(join(repoRoot, "action.yml"), "utf8")).inputs as object);
const ACCOUNT_ID_HINT = "/deploy/<account id>/";

/** Exactly two full stops in a row (an ellipsis "..." is fine), or a full stop, blanks, full stop. */
const DOUBLED_FULL_STOP = /(?<!\.)\.\.(?!\.)|\.\s+\.(?!\.)/;

const BAD_VALUES = [
  "x",
  "-1",
  "0",
  "1.5",
  "maybe",
  "999999999999999999999999",
  "a\u0007b",
  "../../etc/passwd",
  "http://user:secret@example.com/?q=1#f",
  ".",
  "ends with a full stop.",
];

const baseEnv = {
  GITHUB_ACTIONS: "true",
  GITHUB_REPOSITORY: "acme/analytics",
  GITHUB_RUN_ID: "1",
  GITHUB_RUN_NUMBER: "1",
  GITHUB_WORKFLOW: "ci",
  GITHUB_SHA: "3f4e5d6c7b8a99887766554433221100ffeeddcc",
  GITHUB_EVENT_NAME: "push",
};

function inputEnv(values: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...baseEnv };
  for (const [name, value] of Object.entries(values)) env[`INPUT_${name.toUpperCase()}`] = value;
  return env;
}

/** What the step would print for these inputs, or undefined when they are valid. */
function actionError(env: NodeJS.ProcessEnv): string | undefined {
  try {
    loadConfig(env, readRawInputs(env));
    return undefined;
  } catch (error) {
    if (!(error instanceof ActionInputError)) throw error;
    return failureMessage(error);
  }
}

/** Bad values are echoed back (quoted) in errors: take them out so only our own text is checked. */
function withoutValue(message: string, value: string): string {
  return value.length > 1 ? message.split(value).join("<value>") : message;
}

function actionErrors(): string[] {
  const messages: string[] = [];
  let current = "";
  const add = (env: NodeJS.ProcessEnv) => {
    const message = actionError(env);
    if (message !== undefined) messages.push(withoutValue(message, current));
  };
  for (const bad of BAD_VALUES) {
    current = bad;
    // Every input at once (each problem is reported), then each input alone beside valid credentials.
    add(inputEnv(Object.fromEntries(actionInputs.map((name) => [name, bad]))));
    for (const name of actionInputs)
      add(inputEnv({ "api-token": "dbtc_token", "account-id": "12345", "job-id": "1", [name]: bad }));
  }
  current = "";
  add(inputEnv({ "api-token": "", "account-id": "", "job-id": "" }));
  add(inputEnv({ "api-token": "dbtc_token", "account-id": "12345", "job-id": "1", "job-name": "Nightly" }));
  add(inputEnv({ "api-token": "dbtc_token", "account-id": "12345", job_id: "1" }));
  add({
    ...inputEnv({ "api-token": "", "account-id": "12345", "job-id": "1" }),
    GITHUB_EVENT_NAME: "pull_request",
  });
  return messages;
}

function credentialsErrors(): string[] {
  const messages: string[] = [];
  let current = "";
  const attempt = (fn: () => unknown) => {
    try {
      fn();
    } catch (error) {
      if (!(error instanceof DbtCloudCredentialsError)) throw error;
      messages.push(withoutValue(error.message, current));
    }
  };
  for (const bad of [...BAD_VALUES, ""]) {
    current = bad;
    attempt(() => DbtCloudCredentials.parse({ accountId: bad, token: "dbtc_token" }));
    attempt(() => DbtCloudCredentials.parse({ accountId: 1, token: bad }));
    attempt(() => DbtCloudCredentials.parse({ accountId: 1, token: "dbtc_token", accessUrl: bad }));
    attempt(() => normalizeAccessUrl(bad));
    attempt(() =>
      credentialsFromEnv({ DBT_CLOUD_ACCOUNT_ID: bad, DBT_CLOUD_API_TOKEN: bad, DBT_CLOUD_ACCESS_URL: bad }),
    );
  }
  current = "";
  attempt(() => credentialsFromEnv({}));
  return messages;
}

describe("error texts", () => {
  const fromAction = actionErrors();
  const fromCredentials = credentialsErrors();

  it("feeding bad values produces errors for every input", () => {
    expect(fromAction.length).toBeGreaterThan(actionInputs.length);
    const named = new Set(actionInputs.filter((name) => fromAction.some((m) => m.includes(`'${name}'`))));
    // Inputs that accept any text (cause, git-branch, …) may take these values; most must not.
    expect(named.size).toBeGreaterThan(actionInputs.length / 2);
    expect(fromCredentials.length).toBeGreaterThan(10);
  });

  it("no action input error has a doubled full stop", () => {
    // Quoted values ("..", "a.") are the input echoed back, not prose.
    const prose = (m: string) => m.replace(/"(?:[^"\\]|\\.)*"/g, '""');
    const doubled = [...new Set(fromAction.filter((m) => DOUBLED_FULL_STOP.test(prose(m))))];
    expect(doubled).toEqual([]);
  });

  it("no credentials error has a doubled full stop", () => {
    const doubled = [...new Set(fromCredentials.filter((m) => DOUBLED_FULL_STOP.test(m)))];
    expect(doubled).toEqual([]);
  });

  it(`the account-id hint is the same in the action and in credentials (${ACCOUNT_ID_HINT})`, () => {
    const actionAccountErrors = fromAction.filter((m) => m.includes("'account-id'"));
    const credentialsAccountErrors = fromCredentials.filter((m) => /account ?id|ACCOUNT_ID/i.test(m));
    expect(actionAccountErrors.length).toBeGreaterThan(0);
    expect(credentialsAccountErrors.length).toBeGreaterThan(0);
    for (const m of [...actionAccountErrors, ...credentialsAccountErrors])
      expect(m).toContain(ACCOUNT_ID_HINT);
    for (const m of actionAccountErrors) expect(m).not.toContain("/accounts/");
  });

  it("the detector itself sees doubled full stops and lets ellipses pass", () => {
    expect(DOUBLED_FULL_STOP.test("is empty.. Fix: set it")).toBe(true);
    expect(DOUBLED_FULL_STOP.test("is empty. . Fix")).toBe(true);
    expect(DOUBLED_FULL_STOP.test("https://host/deploy/<account id>/...).")).toBe(false);
    expect(DOUBLED_FULL_STOP.test("../etc")).toBe(true);
  });
});
