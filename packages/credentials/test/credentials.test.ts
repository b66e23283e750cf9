import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import {
  DbtCloudCredentials,
  DbtCloudCredentialsError,
  makeCredentials,
  parseCredentials,
} from "../src/index.js";

const TOKEN = "dbtc_s3cr3t-T0KEN-value";

function errorOf(fn: () => unknown): DbtCloudCredentialsError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(DbtCloudCredentialsError);
    return error as DbtCloudCredentialsError;
  }
  throw new Error("expected an error");
}

describe("DbtCloudCredentials.parse", () => {
  it("accepts numeric strings, trims, defaults the access URL and freezes the result", () => {
    const c = DbtCloudCredentials.parse({ accountId: " 42 ", token: ` ${TOKEN}\n` });
    expect(c.accountId).toBe(42);
    expect(c.token).toBe(TOKEN);
    expect(c.accessUrl).toBe("https://cloud.getdbt.com");
    expect(Object.isFrozen(c)).toBe(true);
    expect(() => {
      (c as { accountId: number }).accountId = 1;
    }).toThrow(TypeError);
  });

  it("strips a pasted Bearer/Token prefix", () => {
    expect(DbtCloudCredentials.parse({ accountId: 1, token: `Bearer ${TOKEN}` }).token).toBe(TOKEN);
    expect(DbtCloudCredentials.parse({ accountId: 1, token: `Token ${TOKEN}` }).token).toBe(TOKEN);
  });

  it("normalises the access URL", () => {
    const c = DbtCloudCredentials.parse({ accountId: 1, token: TOKEN, accessUrl: "ab123.us1.dbt.com/api/" });
    expect(c.accessUrl).toBe("https://ab123.us1.dbt.com");
  });

  it.each([
    [
      { accountId: "abc", token: TOKEN },
      "accountId",
      /accountId "abc" is not a positive integer.*account id/,
    ],
    [{ accountId: 0, token: TOKEN }, "accountId", /accountId 0 is not a positive integer/],
    [{ accountId: 1.5, token: TOKEN }, "accountId", /accountId 1.5 is not a positive integer/],
    [{ token: TOKEN }, "accountId", /accountId is missing/],
    [{ accountId: 1, token: "" }, "token", /token is empty.*service token/],
    [{ accountId: 1 }, "token", /token is missing/],
    [{ accountId: 1, token: 12345 }, "token", /token is not a string/],
    [{ accountId: 1, token: "two words" }, "token", /token contains whitespace/],
    [
      { accountId: 1, token: TOKEN, accessUrl: "http://cloud.getdbt.com" },
      "accessUrl",
      /accessUrl "http:\/\/cloud.getdbt.com" uses http.*Access URLs/,
    ],
    [{ accountId: 1, token: TOKEN, accessUrl: 7 }, "accessUrl", /accessUrl 7 is not a URL string/],
  ])("rejects %j naming the field, the value and the fix", (input, field, message) => {
    const error = errorOf(() => DbtCloudCredentials.parse(input));
    expect(error.field).toBe(field);
    expect(error.message).toMatch(message);
    expect(error.fix.length).toBeGreaterThan(10);
    expect(error.message).toContain(error.fix);
  });

  it("never puts the token into an error message, even when the token is the bad value", () => {
    const bad = "dbtc_bad token with spaces";
    const error = errorOf(() => DbtCloudCredentials.parse({ accountId: 1, token: bad }));
    expect(error.message).not.toContain("dbtc_bad");
    expect(JSON.stringify(error)).not.toContain("dbtc_bad");
    expect(inspect(error, { depth: 10 })).not.toContain("dbtc_bad");
  });

  it("rejects a non-object", () => {
    expect(errorOf(() => DbtCloudCredentials.parse("x")).message).toMatch(/expected an object/);
  });

  it("uses caller labels (env var or action input names)", () => {
    const error = errorOf(() =>
      parseCredentials({ accountId: "x", token: TOKEN }, { accountId: "account-id" }),
    );
    expect(error.message).toMatch(/^account-id "x" is not a positive integer/);
  });

  it("still works as a schema inside bigger zod schemas, with the same messages", () => {
    const config = z.object({ credentials: DbtCloudCredentials });
    const ok = config.parse({ credentials: { accountId: "7", token: TOKEN } });
    expect(ok.credentials.accountId).toBe(7);
    expect(ok.credentials.token).toBe(TOKEN);
    const bad = config.safeParse({ credentials: { accountId: -1, token: TOKEN } });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.path).toEqual(["credentials", "accountId"]);
    expect(bad.error?.issues[0]?.message).toMatch(/-1 is not a positive integer/);
  });
});

describe("the token is unreadable by accident", () => {
  const c = DbtCloudCredentials.parse({ accountId: 9, token: TOKEN, accessUrl: "https://emea.dbt.com" });

  it("toString", () => {
    expect(String(c)).not.toContain(TOKEN);
    expect(`${c}`).toContain("[REDACTED]");
    expect(String(c)).toContain("accountId: 9");
  });

  it("JSON.stringify", () => {
    expect(JSON.stringify(c)).toBe('{"accountId":9,"accessUrl":"https://emea.dbt.com","token":"[REDACTED]"}');
    expect(JSON.stringify({ nested: { c } })).not.toContain(TOKEN);
  });

  it("util.inspect (console.log)", () => {
    expect(inspect(c)).not.toContain(TOKEN);
    expect(inspect({ deep: [c] }, { depth: 10, showHidden: true })).not.toContain(TOKEN);
  });

  it("spreads, Object.keys and Object.entries", () => {
    expect(Object.keys(c)).toEqual(["accountId", "accessUrl"]);
    expect(JSON.stringify({ ...c })).not.toContain(TOKEN);
    expect(Object.entries(c).flat()).not.toContain(TOKEN);
  });

  it("error messages and stacks that mention the credentials", () => {
    const error = new Error(`bad credentials ${c}`, { cause: c });
    expect(error.message).not.toContain(TOKEN);
    expect(inspect(error, { depth: 10 })).not.toContain(TOKEN);
  });

  it("is still readable on purpose", () => {
    expect(c.token).toBe(TOKEN);
    expect(makeCredentials(1, "abc", "https://x.example.com").token).toBe("abc");
  });
});
