import { inspect } from "node:util";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DbtCloudCredentials, DbtCloudCredentialsError } from "../src/index.js";

// Realistic tokens (dbtc_ + 16-64 token characters); shorter random strings could occur in stack paths by chance.
const token = fc.stringMatching(/^[A-Za-z0-9_.~+/=-]{16,64}$/).map((t) => `dbtc_${t}`);

/** Everything an error can show without its stack: messages down the cause chain, zod issues, own fields. */
function errorText(error: unknown): string {
  const parts: string[] = [];
  for (let e = error; e instanceof Error; e = e.cause)
    parts.push(e.message, JSON.stringify(e), JSON.stringify(Object.entries(e)));
  return parts.join("\n");
}

describe("properties", () => {
  it("no accidental output of any token contains it", () => {
    fc.assert(
      fc.property(token, fc.integer({ min: 1, max: 2 ** 31 }), (t, accountId) => {
        const c = DbtCloudCredentials.parse({ accountId: String(accountId), token: t });
        expect(c.token).toBe(t);
        for (const text of [
          String(c),
          JSON.stringify(c),
          inspect(c, { showHidden: true, depth: 5 }),
          JSON.stringify({ ...c }),
        ]) {
          expect(text.includes(t)).toBe(false);
        }
      }),
    );
  });

  it("errors about other fields never contain the token, not even in their cause chain", () => {
    fc.assert(
      fc.property(token, fc.string(), (t, badAccountId) => {
        fc.pre(!/^\s*\d+\s*$/.test(badAccountId) && !badAccountId.includes(t));
        try {
          DbtCloudCredentials.parse({
            accountId: badAccountId,
            token: t,
            accessUrl: "https://ab1.us1.dbt.com",
          });
          expect.unreachable();
        } catch (error) {
          expect(error).toBeInstanceOf(DbtCloudCredentialsError);
          expect((error as DbtCloudCredentialsError).field).toBe("accountId");
          expect(errorText(error)).not.toContain(t);
        }
      }),
    );
  });

  it("a token with whitespace inside is refused without echoing it", () => {
    fc.assert(
      fc.property(token, token, (a, b) => {
        const bad = `${a} ${b}`;
        try {
          DbtCloudCredentials.parse({ accountId: 1, token: bad });
          expect.unreachable();
        } catch (error) {
          expect((error as Error).message).not.toContain(a);
          expect((error as Error).message).not.toContain(b);
        }
      }),
    );
  });
});
