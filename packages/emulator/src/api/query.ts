import { ApiFailure, badRequest } from "./envelope.js";

/** How a query parameter is parsed and validated. */
export type ParamKind = "int" | "int[]" | "string" | "string[]" | "bool" | "state" | "int|string";

/** Query parameters an operation accepts, as in the official spec. Anything else is a 400, like dbt Cloud. */
export type ParamSpec = Record<string, ParamKind>;

/** Query parameters after parsing, by name. */
export type ParsedQuery = Record<string, number | string | boolean | number[] | string[] | undefined>;

function parseList(raw: string): string[] {
  const trimmed = raw.trim();
  if (trimmed.startsWith("[")) {
    try {
      const parsed = JSON.parse(trimmed.replace(/'/g, '"')) as unknown;
      if (Array.isArray(parsed)) return parsed.map(String);
    } catch {
      // fall through to comma splitting, as dbt Cloud tolerates "[1, 2]"
    }
    return trimmed
      .slice(1, -1)
      .split(",")
      .map((s) => s.trim().replace(/^['"]|['"]$/g, ""))
      .filter(Boolean);
  }
  return trimmed
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
}

function toInt(name: string, raw: string): number {
  if (!/^-?\d+$/.test(raw.trim())) throw new ApiFailure(badRequest(`${name}: A valid integer is required.`));
  return Number(raw);
}

/** Validates query parameters against an operation's spec (unknown names rejected, `limit` at most 100). */
export function parseQuery(params: URLSearchParams, spec: ParamSpec): ParsedQuery {
  const unexpected: string[] = [];
  const out: ParsedQuery = Object.create(null);
  const names = new Set<string>();
  for (const key of params.keys()) names.add(key);
  for (const key of names) {
    const name = key.endsWith("[]") ? key.slice(0, -2) : key;
    // Names come from the request: `constructor` or `__proto__` must not find Object.prototype's members.
    const kind = Object.hasOwn(spec, name) ? spec[name] : undefined;
    if (!kind) {
      unexpected.push(key);
      continue;
    }
    const values = params.getAll(key);
    const raw = values.join(",");
    switch (kind) {
      case "int":
        out[name] = toInt(name, values.at(-1) ?? "");
        break;
      case "int[]":
        out[name] = values.flatMap(parseList).map((v) => toInt(name, v));
        break;
      case "string":
        out[name] = values.at(-1) ?? "";
        break;
      case "string[]":
        out[name] = values.flatMap(parseList);
        break;
      case "bool": {
        const v = (values.at(-1) ?? "").toLowerCase();
        if (!["true", "false", "1", "0"].includes(v))
          throw new ApiFailure(badRequest(`${name}: Must be a valid boolean.`));
        out[name] = v === "true" || v === "1";
        break;
      }
      case "state": {
        const v = values.at(-1) ?? "";
        if (!["1", "2", "active", "deleted", "all"].includes(v)) {
          throw new ApiFailure(
            badRequest(`${name}: '${v}' is not one of ['active', 'deleted', 'all', 1, 2]`),
          );
        }
        out[name] = v;
        break;
      }
      case "int|string":
        out[name] = raw;
        break;
    }
  }
  if (unexpected.length > 0) {
    throw new ApiFailure(
      badRequest(
        `Additional properties are not allowed (${unexpected.map((u) => `'${u}'`).join(", ")} ${unexpected.length === 1 ? "was" : "were"} unexpected)`,
      ),
    );
  }
  const limit = out.limit;
  if (typeof limit === "number" && (limit < 1 || limit > 100)) {
    throw new ApiFailure(badRequest(`limit: Ensure this value is between 1 and 100 (got ${limit}).`));
  }
  if (typeof out.offset === "number" && out.offset < 0) {
    throw new ApiFailure(badRequest("offset: Ensure this value is greater than or equal to 0."));
  }
  return out;
}

/** The paging parameters every list operation accepts. */
export const PAGING: ParamSpec = { limit: "int", offset: "int", order_by: "string" };

/** Sorts by an `order_by` value (`field` or `-field`) among `allowed`, then pages. */
export function paginate<T>(
  items: T[],
  query: ParsedQuery,
  allowed: Record<string, (item: T) => number | string>,
): { page: T[]; orderBy: string; limit: number; offset: number; total: number } {
  const orderBy = typeof query.order_by === "string" && query.order_by !== "" ? query.order_by : "id";
  const desc = orderBy.startsWith("-");
  const field = desc ? orderBy.slice(1) : orderBy;
  const key = Object.hasOwn(allowed, field) ? allowed[field] : undefined;
  if (!key) {
    throw new ApiFailure(
      badRequest(
        `order_by: '${orderBy}' is not a valid ordering. Use one of ${Object.keys(allowed).join(", ")} (prefix - to reverse).`,
      ),
    );
  }
  const sorted = [...items].sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    const cmp = ka < kb ? -1 : ka > kb ? 1 : 0;
    return desc ? -cmp : cmp;
  });
  const limit = typeof query.limit === "number" ? query.limit : 100;
  const offset = typeof query.offset === "number" ? query.offset : 0;
  return { page: sorted.slice(offset, offset + limit), orderBy, limit, offset, total: sorted.length };
}
