import { readFileSync } from "node:fs";
import { DbtCloudCredentials } from "@dbt-cloud-kit/credentials";
import { HttpResponse, type JsonBodyType } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll } from "vitest";
import {
  type Clock,
  DbtCloudClient,
  type DbtCloudClientOptions,
  type DbtCloudRun,
  type Logger,
} from "../src/index.js";

export const TOKEN = "dbtc_TEST-secret-token-0123456789";
export const ACCESS_URL = "https://ab123.us1.dbt.com";
export const V2 = `${ACCESS_URL}/api/v2/accounts/1`;
export const V3 = `${ACCESS_URL}/api/v3/accounts/1`;
export const credentials = DbtCloudCredentials.parse({ accountId: 1, token: TOKEN, accessUrl: ACCESS_URL });

function fixture<T>(name: string): T {
  return JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), "utf8")) as T;
}

export function run(overrides: Partial<DbtCloudRun> & Record<string, unknown> = {}): DbtCloudRun {
  return { ...fixture<DbtCloudRun>("run.json"), ...overrides };
}
export const runSteps = () => fixture<Record<string, unknown>[]>("run-steps.json");
export const job = (overrides: Record<string, unknown> = {}) => ({
  ...fixture<Record<string, unknown>>("job.json"),
  ...overrides,
});

export function envelope(data: unknown, extra?: Record<string, unknown>, code = 200): JsonBodyType {
  const body: Record<string, unknown> = {
    data,
    status: { code, is_success: code < 400, user_message: "Success!", developer_message: "" },
  };
  if (extra) body.extra = extra;
  return body as JsonBodyType;
}

export function ok(data: unknown, extra?: Record<string, unknown>) {
  return HttpResponse.json(envelope(data, extra));
}

export function apiError(status: number, userMessage: string, headers: Record<string, string> = {}) {
  return HttpResponse.json(
    {
      data: null,
      status: { code: status, is_success: false, user_message: userMessage, developer_message: null },
    },
    { status, headers },
  );
}

export function listPage(items: unknown[], totalCount: number, offset = 0, limit = 100) {
  return ok(items, {
    filters: { limit, offset },
    order_by: "-id",
    pagination: { count: items.length, total_count: totalCount },
  });
}

/** msw server that fails on any unhandled request. */
export function useServer() {
  const server = setupServer();
  beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
  afterEach(() => server.resetHandlers());
  afterAll(() => server.close());
  return server;
}

/** A virtual clock: `sleep` advances time instantly and records the delays. */
export function virtualClock(start = Date.parse("2026-01-01T00:00:00Z")) {
  const state = { now: start, sleeps: [] as number[] };
  const clock: Clock = {
    now: () => state.now,
    random: () => 0.5,
    async sleep(ms: number, signal?: AbortSignal) {
      if (signal?.aborted) throw signal.reason;
      state.sleeps.push(ms);
      state.now += ms;
    },
  };
  return Object.assign(state, { clock });
}

export function recordingLogger() {
  const lines: { level: keyof Logger; message: string }[] = [];
  const logger: Logger = {
    debug: (message) => lines.push({ level: "debug", message }),
    info: (message) => lines.push({ level: "info", message }),
    warn: (message) => lines.push({ level: "warn", message }),
    error: (message) => lines.push({ level: "error", message }),
  };
  return { logger, lines, text: () => lines.map((l) => `${l.level}: ${l.message}`).join("\n") };
}

export function makeClient(options: Partial<DbtCloudClientOptions> = {}) {
  const vc = virtualClock();
  const log = recordingLogger();
  const client = new DbtCloudClient({ credentials, clock: vc.clock, logger: log.logger, ...options });
  return { client, vc, log };
}
