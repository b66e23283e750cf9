import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { DbtCloudCredentials, DbtCloudCredentialsError, normalizeAccessUrl } from "../src/index.js";

function errorOf(fn: () => unknown): DbtCloudCredentialsError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(DbtCloudCredentialsError);
    return error as DbtCloudCredentialsError;
  }
  throw new Error("expected an error");
}

/** Every place an error can show a value: its message, own fields and the whole cause chain. */
function everything(error: unknown): string {
  return [inspect(error, { depth: 20, showHidden: true }), JSON.stringify(error)].join("\n");
}

describe("access URL errors never echo a secret from the input", () => {
  it.each([
    // The password contains an unencoded `@`: the URL parser splits at the last one.
    ["https://user:p4ss@w0rd-SECRET@cloud.getdbt.com", "w0rd-SECRET"],
    ["https://SECRET-user@cloud.getdbt.com", "SECRET-user"],
    // Another check fails first: the message must not echo the userinfo either.
    ["ftp://user:SECRET-pw@cloud.getdbt.com", "SECRET-pw"],
    ["http://user:SECRET-pw@cloud.getdbt.com", "SECRET-pw"],
    ["https://user:SECRET-pw@cloud.getdbt.com/deploy/1", "SECRET-pw"],
    ["https://user:SECRET-pw@exa mple.com", "SECRET-pw"],
    ["https://user:SECRET-pw@cloud", "SECRET-pw"],
    // A query string or fragment is where tokens get pasted.
    ["https://cloud.getdbt.com/?token=SECRET-q", "SECRET-q"],
    ["https://cloud.getdbt.com/api?SECRET-q", "SECRET-q"],
    ["https://cloud.getdbt.com#SECRET-frag", "SECRET-frag"],
    ["http://cloud.getdbt.com/?token=SECRET-q", "SECRET-q"],
    ["https://exa mple.com/?token=SECRET-q", "SECRET-q"],
  ])("%s", (raw, secret) => {
    const error = errorOf(() => normalizeAccessUrl(raw, "access-url"));
    expect(error.message).toMatch(/^access-url "/);
    expect(everything(error)).not.toContain(secret);
    // Also through parseCredentials, which embeds the message.
    const viaParse = errorOf(() =>
      DbtCloudCredentials.parse({ accountId: 1, token: "dbtc_x1234567", accessUrl: raw }),
    );
    expect(everything(viaParse)).not.toContain(secret);
  });

  it("shows where the redacted parts were", () => {
    expect(errorOf(() => normalizeAccessUrl("https://u:pw@cloud.getdbt.com")).message).toContain(
      '"https://***@cloud.getdbt.com"',
    );
    expect(errorOf(() => normalizeAccessUrl("https://cloud.getdbt.com/?token=abc")).message).toContain(
      '"https://cloud.getdbt.com/?***"',
    );
  });

  it("trims trailing slashes of a long path in linear time", () => {
    // `/\/+$/` retried from every slash: 100k slashes and one character took seconds.
    const raw = `https://cloud.getdbt.com/api${"/".repeat(100_000)}x`;
    const started = performance.now();
    expect(() => normalizeAccessUrl(raw)).toThrow(/has the path/);
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(normalizeAccessUrl(`https://cloud.getdbt.com/api${"/".repeat(100_000)}`)).toBe(
      "https://cloud.getdbt.com",
    );
  });
});

describe("tokens that cannot go into an Authorization header", () => {
  // fetch rejects such a header with a TypeError that quotes the whole value: the token would reach
  // an error message. Reject it up front, without echoing it.
  it.each([
    ["a NUL", "dbtc_SECRET\u0000tail"],
    ["a DEL", "dbtc_SECRET\u007ftail"],
    ["an escape", "dbtc_SECRET\u001b[31m"],
    ["a non-ASCII letter", "dbtc_SECRETé"],
    ["a character beyond Latin-1", "dbtc_SECRET€"],
    ["a zero-width space", "dbtc_SECRET\u200b"],
  ])("rejects %s naming the field, never the value", (_what, token) => {
    const error = errorOf(() => DbtCloudCredentials.parse({ accountId: 1, token }));
    expect(error.field).toBe("token");
    expect(error.message).toMatch(/token contains a character that is not allowed/);
    expect(everything(error)).not.toContain("SECRET");
  });

  it("keeps accepting every printable ASCII token character", () => {
    const token = "dbtc_AZaz09-._~+/=!#$%&'*^`|";
    expect(DbtCloudCredentials.parse({ accountId: 1, token }).token).toBe(token);
  });
});
