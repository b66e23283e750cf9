import { describe, expect, it } from "vitest";
import { credentialsFromEnv, DbtCloudCredentialsError, redactSecret } from "../src/index.js";

describe("credentialsFromEnv", () => {
  it("reads the three variables", () => {
    const c = credentialsFromEnv({
      DBT_CLOUD_ACCOUNT_ID: "123",
      DBT_CLOUD_API_TOKEN: "tok-abcdef",
      DBT_CLOUD_ACCESS_URL: "https://ab1.us1.dbt.com/",
    });
    expect(c).toMatchObject({ accountId: 123, accessUrl: "https://ab1.us1.dbt.com" });
    expect(c.token).toBe("tok-abcdef");
  });

  it("defaults the access URL when unset or empty", () => {
    expect(
      credentialsFromEnv({ DBT_CLOUD_ACCOUNT_ID: "1", DBT_CLOUD_API_TOKEN: "t", DBT_CLOUD_ACCESS_URL: "" })
        .accessUrl,
    ).toBe("https://cloud.getdbt.com");
  });

  it("names the environment variable in errors", () => {
    expect(() => credentialsFromEnv({ DBT_CLOUD_API_TOKEN: "t" })).toThrow(
      /^DBT_CLOUD_ACCOUNT_ID is missing/,
    );
    expect(() => credentialsFromEnv({ DBT_CLOUD_ACCOUNT_ID: "1" })).toThrow(
      /^DBT_CLOUD_API_TOKEN is missing/,
    );
    expect(() =>
      credentialsFromEnv({
        DBT_CLOUD_ACCOUNT_ID: "1",
        DBT_CLOUD_API_TOKEN: "t",
        DBT_CLOUD_ACCESS_URL: "http://x.example.com",
      }),
    ).toThrow(DbtCloudCredentialsError);
  });

  it("reads process.env by default", () => {
    const saved = { ...process.env };
    try {
      process.env.DBT_CLOUD_ACCOUNT_ID = "77";
      process.env.DBT_CLOUD_API_TOKEN = "tok-from-process";
      delete process.env.DBT_CLOUD_ACCESS_URL;
      expect(credentialsFromEnv().accountId).toBe(77);
    } finally {
      process.env = saved;
    }
  });
});

describe("redactSecret", () => {
  it("replaces every occurrence", () => {
    expect(redactSecret("a tok-123 b tok-123", "tok-123")).toBe("a [REDACTED] b [REDACTED]");
    expect(redactSecret("abc", undefined)).toBe("abc");
  });
});
