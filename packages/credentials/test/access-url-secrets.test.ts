import { inspect } from "node:util";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  DbtCloudCredentials,
  DbtCloudCredentialsError,
  normalizeAccessUrl,
  redactUrlSecrets,
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

/** Everything an error can show: message, own fields, problems, the cause chain and `.input` fields. */
function everything(error: unknown): string {
  const parts: string[] = [];
  for (let e: unknown = error; e instanceof Error; e = e.cause) {
    parts.push(e.message, JSON.stringify(e), inspect(e, { depth: 10, showHidden: true }));
    parts.push(JSON.stringify(Object.entries(e)), String((e as { input?: unknown }).input));
  }
  return parts.join("\n");
}

describe("access URLs with user info, a query or a fragment", () => {
  it.each([
    ["https://user:hunter2@cloud.getdbt.com", /"https:\/\/\*\*\*@cloud\.getdbt\.com" contains credentials/],
    ["https://hunter2@cloud.getdbt.com/", /"https:\/\/\*\*\*@cloud\.getdbt\.com\/" contains credentials/],
    ["cloud.getdbt.com/?token=hunter2", /"cloud\.getdbt\.com\/\?\*\*\*" has a query string/],
    [
      "https://cloud.getdbt.com/#hunter2",
      /"https:\/\/cloud\.getdbt\.com\/#\*\*\*" has a query string or fragment/,
    ],
    ["https://u:hunter2@cloud.getdbt.com/?hunter2", /"https:\/\/\*\*\*@cloud\.getdbt\.com\/\?\*\*\*"/],
    ["https://u:hunter2@exa mple.com/?x=hunter2", /"https:\/\/\*\*\*@exa mple\.com\/\?\*\*\*"/],
    ["https://cloud.getdbt.com/?", /has a query string/],
  ])("%s is refused with the URL redacted", (raw, message) => {
    const error = errorOf(() => normalizeAccessUrl(raw));
    expect(error.field).toBe("accessUrl");
    expect(error.message).toMatch(message);
    expect(error.message).toMatch(/Access URLs/);
    expect(everything(error)).not.toContain("hunter2");
  });

  it("redacts user info, query and fragment in any text", () => {
    expect(redactUrlSecrets("https://a:b@host.example.com/api/?x=1#y")).toBe(
      "https://***@host.example.com/api/?***#***",
    );
    expect(redactUrlSecrets("a:b@host/x#frag?q")).toBe("***@host/x#***");
    expect(redactUrlSecrets("https://host.example.com/")).toBe("https://host.example.com/");
    // Not a URL (a password holding "/" and "?"): everything up to the last "@" is hidden.
    expect(redactUrlSecrets("https://user:se/cr?et@x.getdbt.com")).toBe("https://***@x.getdbt.com");
    expect(redactUrlSecrets("ftp://u:p@ss@host/?q")).toBe("ftp://***@host/?***");
  });

  const secret = fc.stringMatching(/^[A-Za-z0-9_~%.+-]{8,40}$/).map((s) => `S3cr3t${s}`);
  const host = fc.constantFrom(
    "cloud.getdbt.com",
    "ab1.us1.dbt.com",
    "127.0.0.1:4010",
    "exa mple.com",
    "[::1",
  );

  it("no secret in user info, query or fragment is echoed by normalizeAccessUrl, in any form", () => {
    fc.assert(
      fc.property(
        secret,
        host,
        fc.constantFrom("user", "pass", "both", "query", "fragment", "all"),
        fc.constantFrom("https://", "http://", "", "ftp://"),
        (s, h, where, scheme) => {
          const user =
            where === "user"
              ? `${s}@`
              : where === "pass"
                ? `u:${s}@`
                : where === "both" || where === "all"
                  ? `${s}:${s}@`
                  : "";
          const query = where === "query" || where === "all" ? `?token=${s}` : "";
          const fragment = where === "fragment" || where === "all" ? `#${s}` : "";
          const raw = `${scheme}${user}${h}/api/${query}${fragment}`;
          const error = errorOf(() => normalizeAccessUrl(raw));
          expect(everything(error)).not.toContain(s);
          expect(error.message).toContain("***");
        },
      ),
    );
  });

  it("nor by DbtCloudCredentials, not even in zod issues asked to report their input", () => {
    fc.assert(
      fc.property(secret, (s) => {
        const accessUrl = `https://u:${s}@cloud.getdbt.com/?q=${s}`;
        const error = errorOf(() => DbtCloudCredentials.parse({ accountId: 1, token: "dbtc_x", accessUrl }));
        expect(everything(error)).not.toContain(s);
        const result = DbtCloudCredentials.safeParse(
          { accountId: 1, token: "dbtc_x", accessUrl },
          { reportInput: true },
        );
        expect(result.success).toBe(false);
        expect(JSON.stringify(result.error?.issues)).not.toContain(s);
        expect(everything(result.error)).not.toContain(s);
      }),
    );
  });

  it("a bad token is not put into zod issues asked to report their input either", () => {
    const result = DbtCloudCredentials.safeParse(
      { accountId: 1, token: "dbtc_two words" },
      { reportInput: true },
    );
    expect((result.error?.issues[0] as { params?: unknown } | undefined)?.params).toMatchObject({
      field: "token",
      problem: expect.stringMatching(/whitespace/),
    });
    expect(JSON.stringify(result.error?.issues)).not.toContain("dbtc_two");
  });
});
