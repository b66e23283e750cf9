import { inspect } from "node:util";
import { DbtCloudCredentials } from "@dbt-cloud-kit/credentials";
import { delay, HttpResponse, http } from "msw";
import { describe, expect, it } from "vitest";
import {
  DbtCloudApiError,
  DbtCloudAuthError,
  DbtCloudClient,
  DbtCloudNetworkError,
  DbtCloudNotFoundError,
  DbtCloudRateLimitError,
  DbtCloudResponseError,
  USER_AGENT,
} from "../src/index.js";
import {
  apiError,
  type credentials,
  makeClient,
  ok,
  recordingLogger,
  run,
  TOKEN,
  useServer,
  V2,
  virtualClock,
} from "./helpers.js";

const server = useServer();

describe("requests", () => {
  it("sends Bearer auth, JSON accept, a User-Agent naming the package, and trailing slashes", async () => {
    let seen: Request | undefined;
    server.use(
      http.get(`${V2}/runs/:id/`, ({ request }) => {
        seen = request;
        return ok(run({ id: 7 }));
      }),
    );
    const { client } = makeClient();
    await client.getRun(7);
    expect(seen?.headers.get("authorization")).toBe(`Bearer ${TOKEN}`);
    expect(seen?.headers.get("accept")).toBe("application/json");
    expect(seen?.headers.get("user-agent")).toBe(USER_AGENT);
    expect(USER_AGENT).toMatch(/^@dbt-cloud-kit\/client\/\d+\.\d+\.\d+/);
    expect(new URL(seen?.url ?? "").pathname).toBe("/api/v2/accounts/1/runs/7/");
  });

  it("keeps unknown fields and tolerates missing optional ones", async () => {
    server.use(http.get(`${V2}/runs/:id/`, () => ok({ id: 7, status: 3, brand_new_field: { x: 1 } })));
    const { client } = makeClient();
    const r = await client.getRun(7);
    expect(r.status).toBe(3);
    expect(r.brand_new_field).toEqual({ x: 1 });
    expect(r.href).toBeUndefined();
  });

  it("uses an injected fetch", async () => {
    const calls: string[] = [];
    const { client } = makeClient({
      fetch: async (url) => {
        calls.push(url);
        return new Response(
          JSON.stringify({ data: run({ id: 3 }), status: { code: 200, is_success: true } }),
        );
      },
    });
    expect((await client.getRun(3)).id).toBe(3);
    expect(calls).toEqual([`${V2}/runs/3/`]);
  });
});

describe("errors", () => {
  it("401 is an auth error, not retried, with the API message and what to check", async () => {
    let calls = 0;
    server.use(
      http.get(`${V2}/runs/:id/`, () => {
        calls++;
        return apiError(401, "Invalid token.");
      }),
    );
    const { client } = makeClient();
    const error = await client.getRun(1).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DbtCloudAuthError);
    const e = error as DbtCloudAuthError;
    expect(e).toMatchObject({
      status: 401,
      method: "GET",
      path: "/api/v2/accounts/1/runs/1/",
      userMessage: "Invalid token.",
    });
    expect(e.message).toMatch(/HTTP 401: Invalid token\..*token is valid/);
    expect(calls).toBe(1);
  });

  it("401 from a legacy getdbt.com host says to use the account's access URL", async () => {
    const legacy = DbtCloudCredentials.parse({ accountId: 1, token: TOKEN });
    server.use(
      http.get("https://cloud.getdbt.com/api/v2/accounts/1/", () => apiError(401, "Invalid token.")),
    );
    const log = recordingLogger();
    const client = new DbtCloudClient({
      credentials: legacy,
      clock: virtualClock().clock,
      logger: log.logger,
    });
    await expect(client.getAccount()).rejects.toThrow(
      /legacy shared dbt Cloud host.*ACCOUNT_PREFIX\.us1\.dbt\.com/,
    );
    expect(log.lines.filter((l) => l.level === "warn").map((l) => l.message)).toEqual([
      expect.stringMatching(/legacy shared dbt Cloud host.*Access URLs/),
    ]);
  });

  it("403 names the account and the permission to check", async () => {
    server.use(
      http.get(`${V2}/jobs/:id/`, () => apiError(403, "Access denied: Token is not scoped to account.")),
    );
    const { client } = makeClient();
    const error = await client.getJob(5).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DbtCloudAuthError);
    expect((error as Error).message).toMatch(/not scoped to account.*belongs to account 1.*Job Admin/);
  });

  it("404 is a not-found error, not retried, mentioning permissions", async () => {
    let calls = 0;
    server.use(
      http.get(`${V2}/runs/:id/`, () => {
        calls++;
        return apiError(404, "The requested resource was not found.");
      }),
    );
    const { client } = makeClient();
    const error = await client.getRun(404).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DbtCloudNotFoundError);
    expect((error as Error).message).toMatch(/permission/);
    expect(calls).toBe(1);
  });

  it("400 keeps the envelope's data string and is not retried", async () => {
    let calls = 0;
    server.use(
      http.get(`${V2}/runs/`, () => {
        calls++;
        return HttpResponse.json(
          {
            data: "Additional properties are not allowed ('bogus' was unexpected)",
            status: {
              code: 400,
              is_success: false,
              user_message: "The request was invalid.",
              developer_message: "",
            },
          },
          { status: 400 },
        );
      }),
    );
    const { client } = makeClient();
    const error = (await client
      .listRuns()
      .toArray()
      .catch((e: unknown) => e)) as DbtCloudApiError;
    expect(error).toBeInstanceOf(DbtCloudApiError);
    expect(error.status).toBe(400);
    expect(error.data).toMatch(/Additional properties/);
    expect(error.message).toMatch(/The request was invalid\. — Additional properties/);
    expect(calls).toBe(1);
  });

  it("a non-JSON body (HTML gateway page) is a response error with a short excerpt", async () => {
    server.use(
      http.get(`${V2}/runs/:id/`, () =>
        HttpResponse.html(`<html><body>${"Bad gateway ".repeat(100)}</body></html>`, { status: 200 }),
      ),
    );
    const { client } = makeClient();
    const error = (await client.getRun(1).catch((e: unknown) => e)) as DbtCloudResponseError;
    expect(error).toBeInstanceOf(DbtCloudResponseError);
    expect(error.message).toMatch(/not JSON/);
    expect(error.bodyExcerpt.startsWith("<html><body>Bad gateway")).toBe(true);
    expect(error.bodyExcerpt.length).toBe(200);
    expect(error.contentType).toMatch(/text\/html/);
  });

  it("retries a GET whose 200 body was cut short, and returns the next good answer", async () => {
    let calls = 0;
    server.use(
      http.get(`${V2}/runs/:id/`, () => {
        calls += 1;
        return calls === 1
          ? new HttpResponse('{"data": {"id": 7, "sta', { headers: { "content-type": "application/json" } })
          : ok(run({ id: 7 }));
      }),
    );
    const { client } = makeClient();
    await expect(client.getRun(7)).resolves.toMatchObject({ id: 7 });
    expect(calls).toBe(2);
  });

  it("does not retry well-formed JSON that is not the envelope (it would not change)", async () => {
    let calls = 0;
    server.use(
      http.get(`${V2}/runs/:id/`, () => {
        calls += 1;
        return HttpResponse.json({ id: 1, status: 10 });
      }),
    );
    const { client } = makeClient();
    await expect(client.getRun(1)).rejects.toBeInstanceOf(DbtCloudResponseError);
    expect(calls).toBe(1);
  });

  it("joins dbt's message and the hint with one full stop", async () => {
    server.use(http.get(`${V2}/runs/:id/`, () => apiError(401, "Invalid token.")));
    const { client } = makeClient();
    const error = (await client.getRun(1).catch((e: unknown) => e)) as DbtCloudAuthError;
    expect(error.message).toMatch(/Invalid token\. Check that the API token/);
    expect(error.message).not.toMatch(/\.\./);
  });

  it("JSON that is not the envelope is a response error", async () => {
    server.use(http.get(`${V2}/runs/:id/`, () => HttpResponse.json({ id: 1, status: 10 })));
    const { client } = makeClient();
    await expect(client.getRun(1)).rejects.toThrow(/not the \{data, status\} envelope/);
  });

  it("an envelope whose data is not a run is a response error naming the problem", async () => {
    server.use(http.get(`${V2}/runs/:id/`, () => ok({ id: "seven" })));
    const { client } = makeClient();
    const error = await client.getRun(1).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DbtCloudResponseError);
    expect((error as Error).message).toMatch(/data that is not a run: id/);
  });

  it("is_success false inside a 200 is an API error", async () => {
    server.use(
      http.get(`${V2}/runs/:id/`, () =>
        HttpResponse.json({ data: null, status: { code: 400, is_success: false, user_message: "Nope" } }),
      ),
    );
    const { client } = makeClient();
    await expect(client.getRun(1)).rejects.toMatchObject({ status: 400, userMessage: "Nope" });
  });

  it("never puts the token in errors or logs, even when the server echoes it", async () => {
    server.use(
      http.get(`${V2}/runs/:id/`, ({ request }) =>
        HttpResponse.text(`bad header ${request.headers.get("authorization")}`, { status: 502 }),
      ),
    );
    const { client, log } = makeClient({ retry: { maxAttempts: 2 } });
    const error = await client.getRun(1).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DbtCloudResponseError);
    for (const text of [
      (error as Error).message,
      inspect(error, { depth: 10 }),
      JSON.stringify(error),
      log.text(),
    ]) {
      expect(text).not.toContain(TOKEN);
    }
    expect((error as DbtCloudResponseError).bodyExcerpt).toContain("[REDACTED]");
  });
});

describe("the client object itself", () => {
  it("validates and normalises plain credential objects too", async () => {
    let url = "";
    server.use(
      http.get(`${V2}/runs/:id/`, ({ request }) => {
        url = request.url;
        return ok(run());
      }),
    );
    const plain = {
      accountId: 1,
      token: TOKEN,
      accessUrl: "ab123.us1.dbt.com/api/",
    } as unknown as typeof credentials;
    await new DbtCloudClient({ credentials: plain, clock: virtualClock().clock }).getRun(1);
    expect(url).toBe(`${V2}/runs/1/`);
    expect(() => new DbtCloudClient({ credentials: { accountId: "x", token: TOKEN } as never })).toThrow(
      /accountId "x" is not a positive integer/,
    );
    expect(() => new DbtCloudClient({} as never)).toThrow(/credentials: is missing/);
  });

  it("does not reveal the token when logged or serialised", () => {
    const { client } = makeClient();
    expect(inspect(client, { depth: 10, showHidden: true })).not.toContain(TOKEN);
    expect(JSON.stringify(client)).not.toContain(TOKEN);
  });
});

describe("retry policy", () => {
  function flaky(responses: (() => Response | Promise<Response>)[]) {
    let calls = 0;
    server.use(
      http.get(`${V2}/runs/:id/`, () => {
        const next = responses[Math.min(calls, responses.length - 1)] as () => Response;
        calls++;
        return next();
      }),
    );
    return () => calls;
  }

  it("retries 5xx with exponential backoff and full jitter, then succeeds", async () => {
    const calls = flaky([
      () => apiError(503, "down"),
      () => apiError(500, "oops"),
      () => HttpResponse.text("bad gateway", { status: 502 }),
      () => ok(run({ id: 1, status: 10 })),
    ]);
    const { client, vc, log } = makeClient({ retry: { baseDelayMs: 1000 } });
    expect((await client.getRun(1)).status).toBe(10);
    expect(calls()).toBe(4);
    // random() = 0.5 → half of 1 s, 2 s, 4 s
    expect(vc.sleeps).toEqual([500, 1000, 2000]);
    expect(log.lines.filter((l) => l.level === "warn")).toHaveLength(3);
    expect(log.text()).toMatch(/retrying in 0\.5 s \(attempt 2\/5\)/);
  });

  it("caps each delay at maxDelayMs", async () => {
    flaky([() => apiError(500, "x"), () => apiError(500, "x"), () => apiError(500, "x"), () => ok(run())]);
    const { client, vc } = makeClient({ retry: { baseDelayMs: 1000, maxDelayMs: 1500 } });
    await client.getRun(1);
    expect(vc.sleeps).toEqual([500, 750, 750]);
  });

  it("gives up after maxAttempts with the last error", async () => {
    const calls = flaky([() => apiError(500, "still broken")]);
    const { client } = makeClient({ retry: { maxAttempts: 3 } });
    const error = await client.getRun(1).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DbtCloudApiError);
    expect((error as DbtCloudApiError).status).toBe(500);
    expect(calls()).toBe(3);
  });

  it("gives up when the next wait would exceed the total budget", async () => {
    const calls = flaky([() => apiError(503, "x")]);
    const { client, vc } = makeClient({
      retry: { maxAttempts: 100, baseDelayMs: 1000, maxDelayMs: 60_000, totalBudgetMs: 5_000 },
    });
    await expect(client.getRun(1)).rejects.toBeInstanceOf(DbtCloudApiError);
    // 500 + 1000 + 2000 = 3500; the next (4000) would pass 5 s.
    expect(vc.sleeps).toEqual([500, 1000, 2000]);
    expect(calls()).toBe(4);
  });

  it("honours Retry-After seconds on 429", async () => {
    flaky([() => apiError(429, "slow down", { "Retry-After": "7" }), () => ok(run())]);
    const { client, vc } = makeClient();
    await client.getRun(1);
    expect(vc.sleeps).toEqual([7000]);
  });

  it("honours Retry-After as an HTTP date", async () => {
    const { client, vc } = makeClient();
    const at = new Date(vc.now + 12_000).toUTCString();
    flaky([() => apiError(429, "slow down", { "Retry-After": at }), () => ok(run())]);
    await client.getRun(1);
    expect(vc.sleeps).toEqual([12_000]);
  });

  it("honours x-rate-limit-retry-after-seconds", async () => {
    flaky([() => apiError(429, "slow down", { "x-rate-limit-retry-after-seconds": "3" }), () => ok(run())]);
    const { client, vc } = makeClient();
    await client.getRun(1);
    expect(vc.sleeps).toEqual([3000]);
  });

  it("backs off toward rateLimitDelayMs on a 429 without a hint, and surfaces the rate limit error at the end", async () => {
    flaky([() => apiError(429, "slow down")]);
    const { client, vc } = makeClient({ retry: { maxAttempts: 3 } });
    const error = await client.getRun(1).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DbtCloudRateLimitError);
    expect((error as DbtCloudRateLimitError).retryAfterMs).toBeUndefined();
    expect(vc.sleeps).toEqual([500, 1000]);
  });

  it("does not wait past the budget for a long Retry-After", async () => {
    flaky([() => apiError(429, "cooldown", { "Retry-After": "600" })]);
    const { client, vc } = makeClient();
    const error = await client.getRun(1).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DbtCloudRateLimitError);
    expect((error as DbtCloudRateLimitError).retryAfterMs).toBe(600_000);
    expect(vc.sleeps).toEqual([]);
  });

  it("retries network errors", async () => {
    const calls = flaky([() => HttpResponse.error(), () => ok(run({ id: 1 }))]);
    const { client } = makeClient();
    expect((await client.getRun(1)).id).toBe(1);
    expect(calls()).toBe(2);
  });

  it("a network error that persists becomes DbtCloudNetworkError with the cause", async () => {
    flaky([() => HttpResponse.error()]);
    const { client } = makeClient({ retry: { maxAttempts: 2 } });
    const error = (await client.getRun(1).catch((e: unknown) => e)) as DbtCloudNetworkError;
    expect(error).toBeInstanceOf(DbtCloudNetworkError);
    expect(error.timedOut).toBe(false);
    expect(error.cause).toBeDefined();
    expect(error.message).toMatch(/GET \/api\/v2\/accounts\/1\/runs\/1\/ failed/);
  });

  it("times out a request after requestTimeoutMs and retries it", async () => {
    const calls = flaky([
      async () => {
        await delay("infinite");
        return ok(run());
      },
      () => ok(run({ id: 1, status: 10 })),
    ]);
    const { client, log } = makeClient({ requestTimeoutMs: 50 });
    expect((await client.getRun(1)).status).toBe(10);
    expect(calls()).toBe(2);
    expect(log.text()).toMatch(/timed out; retrying/);
  });

  it("reports a timeout as DbtCloudNetworkError with timedOut", async () => {
    flaky([
      async () => {
        await delay("infinite");
        return ok(run());
      },
    ]);
    const { client } = makeClient({ requestTimeoutMs: 20, retry: { maxAttempts: 1 } });
    const error = (await client.getRun(1).catch((e: unknown) => e)) as DbtCloudNetworkError;
    expect(error).toBeInstanceOf(DbtCloudNetworkError);
    expect(error.timedOut).toBe(true);
  });

  it("aborts during a retry sleep with the signal's reason", async () => {
    flaky([() => apiError(503, "x")]);
    const controller = new AbortController();
    const { client } = makeClient({
      clock: {
        now: () => 0,
        random: () => 0.5,
        sleep: async (_ms, signal) => {
          controller.abort(new Error("stop now"));
          if (signal?.aborted) throw signal.reason;
        },
      },
    });
    await expect(client.getRun(1, { signal: controller.signal })).rejects.toThrow("stop now");
  });

  it("aborts an in-flight request promptly", async () => {
    flaky([
      async () => {
        await delay("infinite");
        return ok(run());
      },
    ]);
    const controller = new AbortController();
    const { client } = makeClient();
    const pending = client.getRun(1, { signal: controller.signal });
    setTimeout(() => controller.abort(new Error("cancelled by user")), 5);
    await expect(pending).rejects.toThrow("cancelled by user");
  });

  it("rejects at once when the signal is already aborted", async () => {
    const { client } = makeClient();
    await expect(client.getRun(1, { signal: AbortSignal.abort(new Error("already")) })).rejects.toThrow(
      "already",
    );
  });
});
