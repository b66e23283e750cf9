import { describe, expect, it } from "vitest";
import { DbtCloudCredentialsError, normalizeAccessUrl } from "../src/index.js";

describe("normalizeAccessUrl", () => {
  it.each([
    ["cloud.getdbt.com", "https://cloud.getdbt.com"],
    ["https://cloud.getdbt.com", "https://cloud.getdbt.com"],
    ["https://cloud.getdbt.com/", "https://cloud.getdbt.com"],
    ["https://cloud.getdbt.com/api", "https://cloud.getdbt.com"],
    ["https://cloud.getdbt.com/api/", "https://cloud.getdbt.com"],
    ["https://cloud.getdbt.com/api/v2/", "https://cloud.getdbt.com"],
    ["  AB123.US1.dbt.com  ", "https://ab123.us1.dbt.com"],
    ["emea.dbt.com/api", "https://emea.dbt.com"],
    ["https://acme.getdbt.com:8443/", "https://acme.getdbt.com:8443"],
    ["http://127.0.0.1:4010", "http://127.0.0.1:4010"],
    ["http://127.0.0.1:4010/api/", "http://127.0.0.1:4010"],
    ["http://localhost:8080", "http://localhost:8080"],
    ["http://[::1]:9000", "http://[::1]:9000"],
  ])("%s -> %s", (raw, expected) => {
    expect(normalizeAccessUrl(raw)).toBe(expected);
  });

  it.each([
    ["", /is empty/],
    ["http://cloud.getdbt.com", /uses http; dbt Cloud requires https/],
    ["ftp://cloud.getdbt.com", /scheme ftp/],
    ["https://cloud.getdbt.com/deploy/1/projects", /has the path "\/deploy\/1\/projects"/],
    ["https://cloud.getdbt.com/?x=1", /query string/],
    ["https://user:pw@cloud.getdbt.com", /contains credentials/],
    ["cloud", /not a fully qualified host name/],
    ["https://exa mple.com", /not a valid URL/],
  ])("rejects %j with the problem and the fix", (raw, problem) => {
    try {
      normalizeAccessUrl(raw);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(DbtCloudCredentialsError);
      const e = error as DbtCloudCredentialsError;
      expect(e.field).toBe("accessUrl");
      expect(e.message).toMatch(problem);
      expect(e.message).toMatch(/Access URLs/);
    }
  });

  it("does not echo a password in the URL", () => {
    expect(() => normalizeAccessUrl("https://user:hunter2@cloud.getdbt.com")).toThrow(/\/\/\*\*\*@/);
    try {
      normalizeAccessUrl("https://user:hunter2@cloud.getdbt.com");
    } catch (error) {
      expect((error as Error).message).not.toContain("hunter2");
    }
  });

  it("uses a custom label", () => {
    expect(() => normalizeAccessUrl("http://x.example.com", "access-url")).toThrow(/^access-url "http/);
  });
});
