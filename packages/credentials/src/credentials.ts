import { z } from "zod";
import { ACCESS_URL_FIX, checkAccessUrl } from "./access-url.js";
import { DbtCloudCredentialsError } from "./errors.js";
import type { CredentialProblem, CredentialsLabels, DbtCloudCredentialsField } from "./problems.js";
import { DEFAULT_ACCESS_URL } from "./regions.js";

/**
 * Validated dbt Cloud credentials. Frozen; `token` is a non-enumerable getter, so it stays out of
 * `JSON.stringify`, `toString`, `util.inspect`, spreads and `Object.keys`.
 */
export interface DbtCloudCredentials {
  readonly accountId: number;
  /** Normalised origin, e.g. `https://cloud.getdbt.com` or `http://127.0.0.1:4010`. */
  readonly accessUrl: string;
  readonly token: string;
  toString(): string;
  toJSON(): { accountId: number; accessUrl: string; token: "[REDACTED]" };
}

/** What `DbtCloudCredentials.parse` accepts. */
export interface DbtCloudCredentialsInput {
  accountId: number | string;
  token: string;
  accessUrl?: string | undefined;
}

export const REDACTED = "[REDACTED]";
const INSPECT = Symbol.for("nodejs.util.inspect.custom");

/** How to fix each field, the same wherever the problem is reported. */
export const CREDENTIAL_FIXES: Readonly<Record<DbtCloudCredentialsField, string>> = Object.freeze({
  accountId:
    "Set it to the numeric account id shown in your dbt Cloud URL (https://<access-url>/deploy/<account id>/...).",
  token:
    "Create a service token (Account settings → Service tokens, Job Admin or Job Runner) and pass its value.",
  accessUrl: ACCESS_URL_FIX,
});

function describe(value: unknown): string {
  if (value === undefined) return "is missing";
  if (value === null) return "is null";
  if (typeof value === "string") return `${JSON.stringify(value.slice(0, 100))}`;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return `a value of type ${Array.isArray(value) ? "array" : typeof value}`;
}

type Ctx = z.core.$RefinementCtx;

/**
 * Reports one problem as a zod issue carrying the structured problem in `params`. `input` is set to a
 * redacted stand-in: zod would otherwise fill in the raw value, which `reportInput` callers would see.
 */
function issue(ctx: Ctx, field: DbtCloudCredentialsField, problem: string): typeof z.NEVER {
  const fix = CREDENTIAL_FIXES[field];
  const params: CredentialProblem = { field, problem, fix };
  ctx.addIssue({ code: "custom", message: `${problem}. ${fix}`, params, input: REDACTED });
  return z.NEVER;
}

function parseAccountId(value: unknown, ctx: Ctx): number {
  if (value === undefined || value === null || value === "") return issue(ctx, "accountId", "is missing");
  const text = typeof value === "string" ? value.trim() : value;
  const n = typeof text === "string" && /^\d+$/.test(text) ? Number(text) : text;
  if (typeof n !== "number" || !Number.isSafeInteger(n) || n <= 0) {
    return issue(ctx, "accountId", `${describe(value)} is not a positive integer`);
  }
  return n;
}

function isPrintableAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x21 || c > 0x7e) return false;
  }
  return true;
}

function parseToken(value: unknown, ctx: Ctx): string {
  // Never echo the value: even a malformed token is a secret.
  if (typeof value !== "string") {
    return issue(ctx, "token", value === undefined || value === null ? "is missing" : `is not a string`);
  }
  const token = value.trim().replace(/^(bearer|token)\s+/i, "");
  if (token === "") return issue(ctx, "token", "is empty");
  if (/\s/.test(token)) return issue(ctx, "token", "contains whitespace (was more than the token pasted?)");
  // The token goes into an HTTP header, where fetch rejects control and non-Latin-1 characters with a
  // TypeError that quotes the whole header (token included). Tokens are printable ASCII: say so instead.
  if (!isPrintableAscii(token)) {
    return issue(
      ctx,
      "token",
      "contains a character that is not allowed (control or non-ASCII character; was it copied with invisible characters?)",
    );
  }
  return token;
}

function parseAccessUrl(value: unknown, ctx: Ctx): string {
  if (value === undefined || value === null || (typeof value === "string" && value.trim() === "")) {
    return DEFAULT_ACCESS_URL;
  }
  if (typeof value !== "string") return issue(ctx, "accessUrl", `${describe(value)} is not a URL string`);
  const checked = checkAccessUrl(value);
  return "origin" in checked ? checked.origin : issue(ctx, "accessUrl", checked.problem);
}

/** Builds the frozen credentials object; the token lives in a closure, not in a property. */
export function makeCredentials(accountId: number, token: string, accessUrl: string): DbtCloudCredentials {
  const redacted = () =>
    `DbtCloudCredentials { accountId: ${accountId}, accessUrl: '${accessUrl}', token: ${REDACTED} }`;
  const creds = {} as DbtCloudCredentials;
  Object.defineProperties(creds, {
    accountId: { value: accountId, enumerable: true },
    accessUrl: { value: accessUrl, enumerable: true },
    token: { get: () => token, enumerable: false },
    toString: { value: redacted, enumerable: false },
    toJSON: { value: () => ({ accountId, accessUrl, token: REDACTED }), enumerable: false },
    [INSPECT]: { value: redacted, enumerable: false },
    [Symbol.toStringTag]: { value: "DbtCloudCredentials", enumerable: false },
  });
  return Object.freeze(creds);
}

const credentialsSchema = z
  .object({
    accountId: z.unknown().transform(parseAccountId),
    token: z.unknown().transform(parseToken),
    accessUrl: z.unknown().optional().transform(parseAccessUrl),
  })
  .transform((v): DbtCloudCredentials => makeCredentials(v.accountId, v.token, v.accessUrl));

const FIELDS: readonly DbtCloudCredentialsField[] = ["accountId", "token", "accessUrl"];

function isField(value: unknown): value is DbtCloudCredentialsField {
  return typeof value === "string" && (FIELDS as readonly string[]).includes(value);
}

/** The structured problems behind zod's issues, one per field, in field order. */
function problemsOf(error: z.ZodError): CredentialProblem[] {
  const byField = new Map<DbtCloudCredentialsField, CredentialProblem>();
  for (const found of error.issues) {
    const params = (found as { params?: Partial<CredentialProblem> }).params;
    const field = isField(params?.field) ? params.field : found.path[0];
    if (!isField(field) || byField.has(field)) continue;
    byField.set(field, {
      field,
      problem: typeof params?.problem === "string" ? params.problem : "is invalid",
      fix: typeof params?.fix === "string" ? params.fix : CREDENTIAL_FIXES[field],
    });
  }
  return FIELDS.flatMap((field) => {
    const problem = byField.get(field);
    return problem === undefined ? [] : [problem];
  });
}

/**
 * Parses raw input; throws `DbtCloudCredentialsError` with one `{ field, problem, fix }` per bad field;
 * its message names each field (by its label), the bad value (never the token) and the fix. `labels`
 * lets callers name the source (`DBT_CLOUD_ACCOUNT_ID`, `account-id`).
 */
export function parseCredentials(input: unknown, labels: CredentialsLabels = {}): DbtCloudCredentials {
  const result = credentialsSchema.safeParse(input);
  if (result.success) return result.data;
  const [first, ...rest] = problemsOf(result.error);
  if (first === undefined) {
    throw new DbtCloudCredentialsError(
      [
        {
          field: "accountId",
          problem: `expected an object with accountId, token and accessUrl, got ${describe(input)}`,
          fix: "Pass { accountId, token, accessUrl? } or use credentialsFromEnv().",
        },
      ],
      { labels: { accountId: "credentials:" }, cause: result.error },
    );
  }
  throw new DbtCloudCredentialsError([first, ...rest], { labels, cause: result.error });
}

type CredentialsSchema = typeof credentialsSchema;

/**
 * Zod schema (embed it in bigger schemas) and type. Its `parse` throws `DbtCloudCredentialsError`
 * instead of a `ZodError`; `safeParse` keeps zod's result shape with the same messages, and each issue's
 * `params` is the structured `{ field, problem, fix }`.
 */
export const DbtCloudCredentials: CredentialsSchema = credentialsSchema;
// Own property assignment: zod 4 defines `parse` per instance, embedding still runs the inner checks.
(DbtCloudCredentials as { parse: (input: unknown) => DbtCloudCredentials }).parse = (input: unknown) =>
  parseCredentials(input);
