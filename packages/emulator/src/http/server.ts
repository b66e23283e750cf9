import type { IncomingMessage, Server, ServerResponse } from "node:http";
import { createServer } from "node:http";
import { performance } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";
import type { ApiResponse } from "../api/envelope.js";
import { apiError, badRequest } from "../api/envelope.js";
import type { DispatchResult } from "../api/router.js";
import { dispatch, matchOperation } from "../api/router.js";
import type { EmulatorClock } from "../clock.js";
import type { EmulatorState } from "../state/emulator-state.js";
import { ADMIN_PREFIX, handleAdmin } from "./admin.js";
import { faultResponse } from "./fault-response.js";
import type { ActiveFault, FaultRegistry } from "./faults.js";
import {
  BodyTooLargeError,
  hasValidPercentEncoding,
  isJsonContentType,
  isLoopbackHost,
  readBody,
} from "./request-guards.js";
import type { RequestLog } from "./request-log.js";

/** What the HTTP server serves and records. */
interface ServerDeps {
  state: EmulatorState;
  faults: FaultRegistry;
  requests: RequestLog;
  clock: EmulatorClock;
  baseUrl: () => string;
  /** Request bodies above this many bytes are answered 413. */
  maxBodyBytes: number;
  /** Internal errors are reported here (never with request headers). */
  onError: (error: unknown) => void;
}

function parseJsonBody(
  text: string,
  contentType: string | undefined,
): { ok: true; value: unknown } | { ok: false } {
  if (text.trim() === "") return { ok: true, value: undefined };
  if (contentType?.includes("application/x-www-form-urlencoded")) {
    return { ok: true, value: Object.fromEntries(new URLSearchParams(text)) };
  }
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

function serialise(response: ApiResponse): {
  status: number;
  contentType: string;
  text: string;
  headers: Record<string, string>;
} {
  if (response.raw)
    return {
      status: response.status,
      contentType: response.raw.contentType,
      text: response.raw.text,
      headers: response.headers ?? {},
    };
  return {
    status: response.status,
    contentType: "application/json",
    text: response.body === undefined ? "" : JSON.stringify(response.body),
    headers: response.headers ?? {},
  };
}

function send(
  res: ServerResponse,
  out: { status: number; contentType: string; text: string; headers: Record<string, string> },
) {
  if (res.destroyed) return;
  const headers: Record<string, string | number> = {
    ...out.headers,
    "content-length": Buffer.byteLength(out.text),
  };
  if (out.text !== "" || out.status !== 204) headers["content-type"] = out.contentType;
  res.writeHead(out.status, headers);
  res.end(out.status === 204 ? undefined : out.text);
}

function drop(req: IncomingMessage, res: ServerResponse) {
  res.socket?.destroy();
  req.socket.destroy();
}

/** The emulator's HTTP server: admin endpoints, fault injection, the API, and the request log. */
export function createEmulatorServer(deps: ServerDeps): Server {
  const server = createServer((req, res) => {
    handle(deps, req, res).catch((error: unknown) => {
      deps.onError(error);
      if (!res.headersSent && !res.destroyed)
        send(res, serialise(apiError(500, "An unexpected error occurred.")));
    });
  });
  server.keepAliveTimeout = 5_000;
  return server;
}

/** An error envelope that ends the connection (its body may be left unread). */
function refuse(res: ServerResponse, status: number, message: string, data: unknown = null) {
  send(res, { ...serialise(apiError(status, message, data)), headers: { connection: "close" } });
}

function parseUrl(raw: string | undefined): URL | undefined {
  try {
    return new URL(raw ?? "/", "http://emulator.invalid");
  } catch {
    return undefined;
  }
}

async function handle(deps: ServerDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const started = Date.now();
  const startedPrecise = performance.now();
  const method = (req.method ?? "GET").toUpperCase();
  if (!isLoopbackHost(req.headers.host, req.socket.localPort)) {
    refuse(
      res,
      421,
      "The emulator only answers requests addressed to a loopback name (127.0.0.1, localhost or [::1]) with its port.",
    );
    return;
  }
  const url = parseUrl(req.url);
  if (!url || !hasValidPercentEncoding(url.pathname)) {
    refuse(res, 400, "The request was invalid.", "The request path has a malformed percent-encoding.");
    return;
  }
  let rawBody: string;
  try {
    rawBody = await readBody(req, deps.maxBodyBytes);
  } catch (error) {
    if (!(error instanceof BodyTooLargeError)) throw error;
    refuse(res, 413, `The request body is larger than the emulator's limit of ${error.limit} bytes.`);
    return;
  }
  const parsed = parseJsonBody(rawBody, req.headers["content-type"]);

  if (url.pathname === ADMIN_PREFIX || url.pathname.startsWith(`${ADMIN_PREFIX}/`)) {
    if (rawBody.trim() !== "" && !isJsonContentType(req.headers["content-type"])) {
      send(res, {
        status: 415,
        contentType: "application/json",
        text: JSON.stringify({
          error: "admin endpoints accept only JSON bodies (Content-Type: application/json)",
        }),
        headers: {},
      });
      return;
    }
    if (!parsed.ok) {
      send(res, {
        status: 400,
        contentType: "application/json",
        text: JSON.stringify({ error: "the request body is not valid JSON" }),
        headers: {},
      });
      return;
    }
    const out = handleAdmin(deps, method, url.pathname, url.searchParams, parsed.value);
    send(res, { ...out, headers: {} });
    return;
  }

  const operation = matchOperation(method, url.pathname).match?.operation.name;
  const fault = deps.faults.take(operation, method);
  let faultLabel: string | null = null;
  let result: DispatchResult | undefined;
  const log = (status: number | null) =>
    deps.requests.record({
      at: new Date(started).toISOString(),
      emulatedAt: new Date(deps.clock.now()).toISOString(),
      method,
      path: url.pathname,
      query: url.search.replace(/^\?/, ""),
      operation: result?.operation ?? operation ?? null,
      accountId: result?.accountId ?? null,
      status,
      durationMs: Math.round((performance.now() - startedPrecise) * 100) / 100,
      fault: faultLabel,
      body: method === "POST" && parsed.ok ? (parsed.value ?? null) : null,
    });

  const applyBefore = async (f: ActiveFault): Promise<boolean> => {
    faultLabel = `${f.kind}:${f.when}${f.status ? `:${f.status}` : ""}`;
    if (f.kind === "drop") {
      drop(req, res);
      log(null);
      return true;
    }
    if (f.kind === "delay") {
      await sleep(f.delayMs ?? 0);
      return false;
    }
    const out = faultResponse(f, undefined);
    send(res, out);
    log(out.status);
    return true;
  };

  if (fault && fault.when === "before" && (await applyBefore(fault))) return;

  if (!parsed.ok) {
    result = {
      operation,
      accountId: undefined,
      response: badRequest("JSON parse error - the request body is not valid JSON."),
    };
  } else {
    result = await dispatch(deps.state, deps.baseUrl(), {
      method,
      path: url.pathname,
      search: url.searchParams,
      authorization: req.headers.authorization,
      body: parsed.value,
    });
  }
  const out = serialise(result.response);

  if (fault && fault.when === "after") {
    faultLabel = `${fault.kind}:after${fault.status ? `:${fault.status}` : ""}`;
    if (fault.kind === "drop") {
      drop(req, res);
      log(null);
      return;
    }
    if (fault.kind === "delay") {
      await sleep(fault.delayMs ?? 0);
    } else {
      const replaced = faultResponse(fault, { status: out.status, text: out.text });
      send(res, replaced);
      log(replaced.status);
      return;
    }
  }
  send(res, out);
  log(out.status);
}
