import { describe, expect, it } from "vitest";
import { ActionInputError } from "../../src/config/input-error.js";
import { base, parse, problemOf } from "./config-helpers.js";

const message = (inputs: Record<string, string>, extra: Record<string, string> = {}) => {
  try {
    parse(inputs, undefined, extra);
  } catch (error) {
    expect(error).toBeInstanceOf(ActionInputError);
    return (error as Error).message;
  }
  throw new Error("expected the inputs to be rejected");
};

describe("access-url with credentials or a query string", () => {
  it.each([
    [
      "https://user:secret@x.getdbt.com/?token=abc",
      '"https://***@x.getdbt.com/?***" contains credentials and a query string',
    ],
    ["user:secret@x.getdbt.com", '"***@x.getdbt.com/" contains credentials'],
    ["https://x.getdbt.com/?token=abc", '"https://x.getdbt.com/?***" contains a query string'],
    ["https://x.getdbt.com/#abc", '"https://x.getdbt.com/#***" contains a fragment'],
    ["https://:secret@x.getdbt.com", '"https://***@x.getdbt.com/" contains credentials'],
    // Not a valid URL: still cut at the last @ and at the query.
    [
      "https://us er:secret@x.getdbt.com/?token=abc",
      '"https://***@x.getdbt.com/?***" contains credentials and a query string',
    ],
    ["https://user:se/cr?et@x.getdbt.com", '"https://***@x.getdbt.com" contains credentials'],
  ])("%s is an input error showing it redacted", (url, problem) => {
    expect(problemOf({ ...base, "access-url": url }, "access-url").problem).toBe(problem);
    const text = message({ ...base, "access-url": url });
    for (const secret of ["secret", "abc", "se/cr", "user", "us er"]) expect(text).not.toContain(secret);
  });

  it("redacts the DBT_CLOUD_ACCESS_URL fallback too, whatever else is wrong", () => {
    const text = message(
      { "api-token": "", "account-id": "", "job-id": "1" },
      { DBT_CLOUD_ACCESS_URL: "https://alice:pw-4711@x.getdbt.com/?token=q-0815" },
    );
    expect(text).toMatch(
      /input 'access-url': "https:\/\/\*\*\*@x\.getdbt\.com\/\?\*\*\*" contains credentials/,
    );
    for (const secret of ["alice", "pw-4711", "q-0815"]) expect(text).not.toContain(secret);
  });

  it("leaves plain access URLs to the credentials package", () => {
    expect(parse({ ...base, "access-url": "https://ab123.us1.dbt.com/" }).credentials.accessUrl).toBe(
      "https://ab123.us1.dbt.com",
    );
    expect(parse({ ...base, "access-url": "https://x.getdbt.com/?" }).credentials.accessUrl).toBe(
      "https://x.getdbt.com",
    );
  });
});
