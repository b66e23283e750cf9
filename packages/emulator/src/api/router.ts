import type { EmulatorState } from "../state/emulator-state.js";
import type { AccountEntity } from "../state/entities.js";
import type { Operation } from "./context.js";
import type { ApiResponse } from "./envelope.js";
import { ApiFailure, forbidden, methodNotAllowed, notFound, unauthorized } from "./envelope.js";
import { jobOperations } from "./handlers-jobs.js";
import { runOperations } from "./handlers-runs.js";
import { workspaceOperations } from "./handlers-workspace.js";
import { parseQuery } from "./query.js";

interface CompiledOperation extends Operation {
  regex: RegExp;
  paramNames: string[];
}

function compile(op: Operation): CompiledOperation {
  const paramNames: string[] = [];
  const pattern = op.path.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\{(\w+)\}/g, (_m, name: string) => {
    paramNames.push(name);
    return name === "remainder" ? "(.+)" : "([^/]+)";
  });
  return { ...op, regex: new RegExp(`^${pattern}$`), paramNames };
}

/** Every operation the emulator serves. */
export const operations: readonly Operation[] = [...workspaceOperations, ...jobOperations, ...runOperations];
const compiled = operations.map(compile);

interface RouteMatch {
  operation: CompiledOperation;
  params: Record<string, string>;
}

/** The operation a request is for, if any (method included). */
export function matchOperation(method: string, path: string): { match?: RouteMatch; pathMatched: boolean } {
  let pathMatched = false;
  for (const op of compiled) {
    const m = op.regex.exec(path);
    if (!m) continue;
    pathMatched = true;
    if (op.method !== method) continue;
    const params: Record<string, string> = Object.create(null);
    try {
      op.paramNames.forEach((name, i) => {
        params[name] = decodeURIComponent(m[i + 1] ?? "");
      });
    } catch {
      // A malformed percent-escape names nothing (the server answers 400 before routing).
      return { pathMatched: false };
    }
    return { match: { operation: op, params }, pathMatched };
  }
  return { pathMatched };
}

function tokenFrom(header: string | undefined): string | undefined {
  const m = /^(?:Bearer|Token)\s+(\S+)\s*$/i.exec(header ?? "");
  return m?.[1];
}

interface ApiRequest {
  method: string;
  path: string;
  search: URLSearchParams;
  authorization: string | undefined;
  body: unknown;
}

/** The response to one API request, with the operation and account it resolved to (for the request log). */
export interface DispatchResult {
  operation: string | undefined;
  accountId: number | undefined;
  response: ApiResponse;
}

/** Routes one API request: trailing-slash redirect, auth (401/403), query validation, then the handler. */
export async function dispatch(
  state: EmulatorState,
  baseUrl: string,
  req: ApiRequest,
): Promise<DispatchResult> {
  const { match, pathMatched } = matchOperation(req.method, req.path);
  if (!match) {
    if (pathMatched)
      return { operation: undefined, accountId: undefined, response: methodNotAllowed(req.method) };
    if (!req.path.endsWith("/") && matchOperation(req.method, `${req.path}/`).pathMatched) {
      const query = req.search.toString();
      return {
        operation: undefined,
        accountId: undefined,
        response: {
          status: 308,
          headers: { location: `${req.path}/${query ? `?${query}` : ""}` },
          body: undefined,
        },
      };
    }
    return { operation: undefined, accountId: undefined, response: notFound() };
  }
  const op = match.operation;
  const token = tokenFrom(req.authorization);
  let account: AccountEntity | undefined;
  for (const a of state.accounts.values()) if (token !== undefined && a.token === token) account = a;
  if (!account) return { operation: op.name, accountId: undefined, response: unauthorized() };
  const pathAccount = match.params.account_id;
  if (pathAccount !== undefined && pathAccount !== String(account.id)) {
    return { operation: op.name, accountId: undefined, response: forbidden() };
  }
  try {
    const query = parseQuery(req.search, op.query);
    const response = await op.handler({
      state,
      baseUrl,
      account,
      params: match.params,
      query,
      body: req.body,
    });
    return { operation: op.name, accountId: account.id, response };
  } catch (error) {
    if (error instanceof ApiFailure)
      return { operation: op.name, accountId: account.id, response: error.response };
    throw error;
  }
}
