import { constants } from "node:buffer";
import { mkdtemp, open, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inspect } from "node:util";
import { makeCredentials } from "@dbt-cloud-kit/credentials";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  DbtCloudClient,
  DbtCloudNetworkError,
  DbtCloudTooLargeError,
  type FetchLike,
  formatRunLogs,
} from "../src/index.js";
import { ManifestDiskCache } from "../src/workspace/manifest-cache.js";
import { ACCESS_URL, makeClient, recordingLogger, virtualClock } from "./helpers.js";

/** A body that claims (or streams) more bytes than fit in one string, without allocating them. */
function endlessBody(chunk = new Uint8Array(1024 * 1024).fill(0x20)): ReadableStream<Uint8Array> {
  return new ReadableStream({
    pull(controller) {
      controller.enqueue(chunk);
    },
  });
}

function fetchReturning(make: () => Response): FetchLike {
  return async () => make();
}

describe("bodies too large to read into memory", () => {
  it("getRunArtifact names the artifact and the size instead of 'Invalid string length'", async () => {
    const { client } = makeClient({
      fetch: fetchReturning(
        () => new Response(endlessBody(), { status: 200, headers: { "content-length": String(2 ** 30) } }),
      ),
    });
    const error = await client.getRunArtifact(5, "manifest.json").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DbtCloudTooLargeError);
    const e = error as DbtCloudTooLargeError;
    expect(e.bytes).toBe(2 ** 30);
    expect(e.message).toContain("manifest.json");
    expect(e.message).toContain("1,073,741,824 bytes");
    expect(e.message).toMatch(/downloadRunArtifact/);
  });

  it("stops reading a body without Content-Length once it passes maxBytes", async () => {
    let pulled = 0;
    const { client } = makeClient({
      fetch: fetchReturning(
        () =>
          new Response(
            new ReadableStream({
              pull(controller) {
                pulled++;
                controller.enqueue(new Uint8Array(64 * 1024).fill(0x20));
              },
            }),
            { status: 200 },
          ),
      ),
    });
    const error = await client
      .getRunArtifact(5, "run_results.json", { maxBytes: 1024 * 1024 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DbtCloudTooLargeError);
    expect((error as DbtCloudTooLargeError).limitBytes).toBe(1024 * 1024);
    expect((error as Error).message).toContain("run_results.json");
    expect(pulled).toBeLessThan(40);
  });

  it("an API response too large to read is a typed error, not an empty 'not JSON' body", async () => {
    const { client } = makeClient({
      fetch: fetchReturning(
        () =>
          new Response(endlessBody(), {
            status: 200,
            headers: { "content-length": String(2 ** 31), "content-type": "application/json" },
          }),
      ),
    });
    const error = await client.getRun(5).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DbtCloudTooLargeError);
    expect((error as Error).message).toContain("2,147,483,648 bytes");
  });

  it("still reads a body under the limit", async () => {
    const { client } = makeClient({
      fetch: fetchReturning(() => new Response('{"a":[1,2]}', { status: 200 })),
    });
    expect(await client.getRunArtifact(5, "x.json", { maxBytes: 11 })).toEqual({ a: [1, 2] });
  });
});

describe("the token never reaches an error", () => {
  it("a token fetch refuses as a header value is redacted from the network error and its causes", async () => {
    // makeCredentials does not validate: a token with a NUL reaches fetch, whose TypeError quotes the header.
    const token = "dbtc_SECRET-TOKEN\u0000tail";
    const creds = makeCredentials(1, token, ACCESS_URL);
    const client = new DbtCloudClient({
      credentials: creds,
      clock: virtualClock().clock,
      fetch: (url, init) => globalThis.fetch(url, init),
      retry: { maxAttempts: 1 },
    });
    const error = await client.getRun(5).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DbtCloudNetworkError);
    const shown = `${inspect(error, { depth: 20, showHidden: true })}\n${(error as Error).stack}`;
    expect(shown).not.toContain("SECRET-TOKEN");
    expect((error as Error).message).toMatch(/\[REDACTED\]|invalid header value/);
  });

  it("a fetch error that quotes the token in a nested cause is redacted at every level", async () => {
    const { client } = makeClient({
      retry: { maxAttempts: 1 },
      fetch: async (_url, init) => {
        const auth = new Headers(init.headers).get("authorization") ?? "";
        const inner = Object.assign(new Error(`proxy said: bad ${auth}`), { code: "ECONNRESET" });
        throw new TypeError("fetch failed", { cause: inner });
      },
    });
    const error = await client.getRun(5).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DbtCloudNetworkError);
    const shown = `${inspect(error, { depth: 20, showHidden: true })}\n${JSON.stringify(error)}`;
    expect(shown).not.toContain("dbtc_TEST-secret-token");
    // What is kept: the error names and codes, for retry classification and diagnosis.
    const cause = (error as Error).cause as Error & { cause: Error & { code?: string } };
    expect(cause.name).toBe("TypeError");
    expect(cause.cause.code).toBe("ECONNRESET");
  });
});

describe("step logs", () => {
  it("drops trailing newlines of a hostile log in linear time", () => {
    // `/\n+$/` retried from every newline: 100k newlines then one character took seconds.
    const logs = `${"\n".repeat(100_000)}x${"\n".repeat(100_000)}`;
    const started = performance.now();
    const text = formatRunLogs({ run_steps: [{ index: 1, name: "dbt build", status: 10, logs } as never] });
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(text.endsWith("x\n")).toBe(true);
    expect(text.length).toBe("=== Step: dbt build ===\n".length + 100_000 + 2);
  });

  it("a step name cannot forge a header line of its own", () => {
    const text = formatRunLogs({
      run_steps: [{ index: 1, name: "a ===\n=== Step: forged", status: 10, logs: "real" } as never],
    });
    expect(text.split("\n").filter((l) => l.startsWith("=== Step:"))).toHaveLength(1);
  });
});

describe("manifest disk cache", () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "client-cache-"));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });
  const key = (gitSha: string) => ({ accountId: 1, projectId: 2, environmentId: 3, gitSha });

  it("keeps every file inside its directory with a short name, whatever the git sha", async () => {
    const cache = new ManifestDiskCache(dir);
    for (const sha of ["../../etc/passwd", "..", "a/b", "x".repeat(10_000), "__proto__", "a\u0000b"]) {
      const path = cache.pathFor(key(sha));
      expect(path.startsWith(`${dir}/manifest-`)).toBe(true);
      expect(path.slice(dir.length + 1)).not.toContain("/");
      expect(path.length - dir.length).toBeLessThan(200);
      await cache.write(key(sha), '{"sha":1}');
      expect(await cache.read(key(sha))).toEqual({ sha: 1 });
    }
  });

  it("two different git shas never share a file", () => {
    const cache = new ManifestDiskCache(dir);
    expect(cache.pathFor(key("a/b"))).not.toBe(cache.pathFor(key("a_b")));
    expect(cache.pathFor(key("x".repeat(300)))).not.toBe(cache.pathFor(key("x".repeat(301))));
  });

  it("a cached manifest too large to read is a typed error naming the file and its size", async () => {
    const cache = new ManifestDiskCache(dir);
    const path = await cache.write(key("abc"), "{}");
    // Sparse: no disk space or memory is used, only the size is past the limit.
    const handle = await open(path, "r+");
    await handle.truncate(constants.MAX_STRING_LENGTH + 1);
    await handle.close();
    const error = await cache.read(key("abc")).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DbtCloudTooLargeError);
    expect((error as Error).message).toContain(path);
    expect((error as Error).message).toContain(
      `${(constants.MAX_STRING_LENGTH + 1).toLocaleString("en-US")} bytes`,
    );
  });

  it("a real 40-character sha keeps its readable name", () => {
    const sha = "0123456789abcdef0123456789abcdef01234567";
    expect(new ManifestDiskCache(dir).pathFor(key(sha))).toBe(join(dir, `manifest-1-2-3-${sha}.json`));
  });
});

it("debug logs of requests never carry the token", async () => {
  const log = recordingLogger();
  const { client } = makeClient({
    logger: log.logger,
    fetch: fetchReturning(() => new Response('{"data":{"id":1},"status":{"code":200,"is_success":true}}')),
  });
  await client.getAccount().catch(() => undefined);
  expect(log.text()).not.toContain("dbtc_TEST-secret-token");
});
