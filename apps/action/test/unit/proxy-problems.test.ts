import { PROXY_VARS } from "@dbt-cloud-kit/client";
import { redactUrlSecrets } from "@dbt-cloud-kit/credentials";
import { describe, expect, it } from "vitest";
import { formatProblems } from "../../src/config/input-error.js";
import { proxyProblems } from "../../src/config/proxy-problems.js";

describe("proxy variables", () => {
  it.each(PROXY_VARS)("a malformed %s is a problem naming the variable", (name) => {
    for (const [value, problem] of [
      ["proxy.corp:3128", /has no scheme/],
      ["http://", /is not a URL/],
      ["http://proxy corp:3128", /is not a URL/],
      ["ftp://proxy.corp:21", /scheme ftp/],
      ["http://proxy.corp:99999", /is not a URL/],
      [" ", /is not a URL/],
    ] as const) {
      const found = proxyProblems({ [name]: value });
      expect(found).toHaveLength(1);
      expect(found[0]).toMatchObject({ input: name, source: "variable" });
      expect(found[0]?.problem).toMatch(problem);
      expect(formatProblems(found)).toMatch(
        new RegExp(`^Invalid input\\. variable '${name}': .*Fix: set ${name} to`),
      );
    }
  });

  it("accepts what the client's proxy agent can use, and ignores unset or empty variables", () => {
    expect(
      proxyProblems({
        HTTPS_PROXY: "http://proxy.corp:3128",
        https_proxy: "https://user:pass@proxy.corp",
        HTTP_PROXY: "socks5://127.0.0.1:1080",
        http_proxy: "",
      }),
    ).toEqual([]);
    expect(proxyProblems({})).toEqual([]);
  });

  it("never shows the credentials of a malformed proxy URL", () => {
    for (const value of [
      "http://alice:hunter2@proxy corp:3128",
      "alice:hunter2@proxy.corp:3128",
      "http://alice:hun/ter2@:3128",
      "http://alice:hunter2@proxy.corp:31x8/?hunter2",
      "ftp://alice:hunter2@proxy.corp",
    ]) {
      const text = formatProblems(proxyProblems({ HTTPS_PROXY: value }));
      expect(text).toContain("HTTPS_PROXY");
      expect(text).not.toContain("hunter2");
      expect(text).not.toContain("alice");
    }
  });
});

describe("redactUrlSecrets (from credentials)", () => {
  it.each([
    ["https://user:secret@x.getdbt.com/?token=abc", "https://***@x.getdbt.com/?***"],
    ["user:secret@x.getdbt.com", "***@x.getdbt.com"],
    ["https://u:p@ss@host/path#frag", "https://***@host/path#***"],
    ["https://host/a?b=c#d", "https://host/a?***#***"],
    ["https://cloud.getdbt.com", "https://cloud.getdbt.com"],
  ])("%s -> %s", (input, expected) => {
    expect(redactUrlSecrets(input)).toBe(expected);
  });
});
