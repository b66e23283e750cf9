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

// The credentials package owns the rule; the action reports its problems under the input's name.
describe("access-url with credentials, a query string or a fragment", () => {
  it.each([
    ["https://user:secret@x.getdbt.com/?token=abc", '"https://***@x.getdbt.com/?***" contains credentials'],
    ["user:secret@x.getdbt.com", '"***@x.getdbt.com" contains credentials'],
    ["https://x.getdbt.com/?token=abc", '"https://x.getdbt.com/?***" has a query string or fragment'],
    ["https://x.getdbt.com/#abc", '"https://x.getdbt.com/#***" has a query string or fragment'],
    ["https://:secret@x.getdbt.com", '"https://***@x.getdbt.com" contains credentials'],
    // Not a valid URL: still cut at the last @ and at the query.
    ["https://us er:secret@x.getdbt.com/?token=abc", '"https://***@x.getdbt.com/?***" contains credentials'],
    ["https://user:se/cr?et@x.getdbt.com", '"https://***@x.getdbt.com" contains credentials'],
  ])("%s is an input error showing it redacted", (url, problem) => {
    expect(problemOf({ ...base, "access-url": url }, "access-url").problem).toContain(problem);
    const text = message({ ...base, "access-url": url });
    for (const secret of ["secret", "abc", "se/cr", "user:", "us er"]) expect(text).not.toContain(secret);
  });

  it("checks and redacts the DBT_CLOUD_ACCESS_URL fallback too, whatever else is wrong", () => {
    const text = message(
      { "api-token": "", "account-id": "", "job-id": "1" },
      { DBT_CLOUD_ACCESS_URL: "https://alice:pw-4711@x.getdbt.com/?token=q-0815" },
    );
    expect(text).toMatch(
      /input 'access-url': "https:\/\/\*\*\*@x\.getdbt\.com\/\?\*\*\*" contains credentials/,
    );
    for (const secret of ["alice", "pw-4711", "q-0815"]) expect(text).not.toContain(secret);
  });

  it("accepts plain access URLs", () => {
    expect(parse({ ...base, "access-url": "https://ab123.us1.dbt.com/" }).credentials.accessUrl).toBe(
      "https://ab123.us1.dbt.com",
    );
  });
});
