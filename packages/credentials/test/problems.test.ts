import { describe, expect, it } from "vitest";
import {
  CREDENTIAL_ENV_VARS,
  credentialsFromEnv,
  DbtCloudCredentials,
  DbtCloudCredentialsError,
  describeAccessUrl,
  formatCredentialProblem,
  formatCredentialProblems,
  parseCredentials,
} from "../src/index.js";

function errorOf(fn: () => unknown): DbtCloudCredentialsError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(DbtCloudCredentialsError);
    return error as DbtCloudCredentialsError;
  }
  throw new Error("expected an error");
}

describe("structured validation problems", () => {
  it("lists every bad field as { field, problem, fix }, and the message is their formatting", () => {
    const labels = { accountId: "account-id", accessUrl: "access-url" };
    const error = errorOf(() =>
      parseCredentials({ accountId: "abc", token: "dbtc_ok", accessUrl: "http://x.example.com" }, labels),
    );
    expect(error.problems).toEqual([
      {
        field: "accountId",
        problem: '"abc" is not a positive integer',
        fix: expect.stringMatching(/account id/),
      },
      {
        field: "accessUrl",
        problem: expect.stringMatching(/^"http:\/\/x\.example\.com" uses http/),
        fix: expect.stringMatching(/Access URLs/),
      },
    ]);
    expect(error.message).toBe(formatCredentialProblems(error.problems, labels));
    expect(error.message.split("\n")).toEqual([
      `account-id "abc" is not a positive integer. ${error.problems[0]?.fix}`,
      `access-url ${error.problems[1]?.problem}. ${error.problems[1]?.fix}`,
    ]);
    // the first problem is also on the error itself
    expect([error.field, error.problem, error.fix]).toEqual([
      "accountId",
      '"abc" is not a positive integer',
      error.problems[0]?.fix,
    ]);
  });

  it("formats one problem as `<label> <problem>. <fix>`", () => {
    const problem = { field: "token", problem: "is empty", fix: "Pass a token." } as const;
    expect(formatCredentialProblem(problem)).toBe("token is empty. Pass a token.");
    expect(formatCredentialProblem(problem, { token: "api-token" })).toBe(
      "api-token is empty. Pass a token.",
    );
  });

  it("puts the structured problem into zod issue params, for schemas that embed the credentials", () => {
    const result = DbtCloudCredentials.safeParse({ accountId: 0, token: "t" });
    expect((result.error?.issues[0] as { params?: unknown } | undefined)?.params).toEqual({
      field: "accountId",
      problem: "0 is not a positive integer",
      fix: expect.stringMatching(/account id/),
    });
  });

  it("names the environment variables from the one exported list", () => {
    expect(CREDENTIAL_ENV_VARS).toEqual({
      accountId: "DBT_CLOUD_ACCOUNT_ID",
      token: "DBT_CLOUD_API_TOKEN",
      accessUrl: "DBT_CLOUD_ACCESS_URL",
    });
    const error = errorOf(() => credentialsFromEnv({ [CREDENTIAL_ENV_VARS.token]: "t" }));
    expect(error.message).toMatch(new RegExp(`^${CREDENTIAL_ENV_VARS.accountId} is missing`));
  });
});

describe("one error family", () => {
  it("every error of the package is a DbtCloudCredentialsError, which keeps its name", () => {
    const fromUrl = errorOf(() => describeAccessUrl("not a url"));
    expect(fromUrl.name).toBe("DbtCloudCredentialsError");
    expect(fromUrl).toBeInstanceOf(Error);
    expect(fromUrl.field).toBe("accessUrl");
  });
});
