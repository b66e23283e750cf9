import type { EmulatorState } from "../state/emulator-state.js";
import type { AccountEntity } from "../state/entities.js";
import type { ApiResponse } from "./envelope.js";
import type { ParamSpec, ParsedQuery } from "./query.js";

/** What an operation handler gets: the state, the base URL, the authenticated account, path and query parameters, and the body. */
export interface RequestContext {
  state: EmulatorState;
  /** Base URL the emulator serves, e.g. http://127.0.0.1:53211 (used for hrefs). */
  baseUrl: string;
  /** The account the token belongs to (and, for account routes, the one in the path). */
  account: AccountEntity;
  /** Path parameters by name, e.g. { run_id: "70000001", remainder: "manifest.json" }. */
  params: Record<string, string>;
  query: ParsedQuery;
  body: unknown;
}

/** One API operation of the spec: its name, method, path template, accepted query parameters and handler. */
export interface Operation {
  /** Stable name used by faults and the request log (mirrors the client's method names). */
  name: string;
  method: "GET" | "POST" | "DELETE";
  /** Path template as in the spec, e.g. /api/v2/accounts/{account_id}/runs/{run_id}/. */
  path: string;
  query: ParamSpec;
  handler: (ctx: RequestContext) => ApiResponse | Promise<ApiResponse>;
}

/** Integer path parameter; anything else is a 404, as dbt Cloud's router does. */
export function idParam(ctx: RequestContext, name: string): number {
  const raw = ctx.params[name] ?? "";
  return /^\d+$/.test(raw) ? Number(raw) : Number.NaN;
}

/** The `include_related` values of the request (comma-separated or a JSON-style list). */
export function includeRelated(ctx: RequestContext): Set<string> {
  const raw = ctx.query.include_related;
  if (typeof raw !== "string") return new Set();
  return new Set(
    raw
      .replace(/[[\]"']/g, "")
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean),
  );
}
