import { mkdtemp, readFile, rm } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DbtCloudCredentials } from "@dbt-cloud-kit/credentials";
import { Agent, EnvHttpProxyAgent } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDispatcher } from "../src/core/dispatcher.js";
import { DbtCloudClient, DbtCloudNetworkError, PROXY_VARS } from "../src/index.js";

/** The default transport (global fetch + undici keep-alive agent) against a real loopback server. */
let server: Server;
let base: string;
const seen: { url: string; auth: string | undefined; ua: string | undefined }[] = [];
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "real-server-"));
  server = createServer((req, res) => {
    seen.push({ url: req.url ?? "", auth: req.headers.authorization, ua: req.headers["user-agent"] });
    if (req.url?.startsWith("/api/v2/accounts/1/runs/1/artifacts/manifest.json")) {
      res.writeHead(200, { "content-type": "application/json" });
      let i = 0;
      const write = () => {
        while (i < 200) {
          i++;
          if (!res.write(`${"x".repeat(8191)}\n`)) {
            res.once("drain", write);
            return;
          }
        }
        res.end();
      };
      write();
      return;
    }
    if (req.url?.startsWith("/api/v2/accounts/1/runs/2/")) return; // never answers
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify({ data: { id: 1, status: 10 }, status: { code: 200, is_success: true } }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await rm(dir, { recursive: true, force: true });
});

function client(requestTimeoutMs = 5_000) {
  const credentials = DbtCloudCredentials.parse({ accountId: 1, token: "real-token-xyz", accessUrl: base });
  return new DbtCloudClient({ credentials, requestTimeoutMs, retry: { maxAttempts: 1 } });
}

describe("real loopback server", () => {
  it("talks HTTP through the default dispatcher", async () => {
    const run = await client().getRun(1);
    expect(run.status).toBe(10);
    expect(seen.at(-1)).toMatchObject({ url: "/api/v2/accounts/1/runs/1/", auth: "Bearer real-token-xyz" });
    expect(seen.at(-1)?.ua).toMatch(/^@dbt-cloud-kit\/client\//);
  });

  it("streams a large artifact to disk", async () => {
    const target = join(dir, "manifest.json");
    const { bytes } = await client().downloadRunArtifact(1, "manifest.json", { toFile: target });
    expect(bytes).toBe(200 * 8192);
    expect((await readFile(target)).length).toBe(bytes);
  });

  it("close() releases the client's own dispatcher", async () => {
    const c = client();
    await c.getRun(1);
    await c.close();
    await expect(c.getRun(1)).rejects.toBeInstanceOf(DbtCloudNetworkError);
  });

  it("times out a request that never gets an answer", async () => {
    const error = await client(100)
      .getRun(2)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DbtCloudNetworkError);
    expect((error as DbtCloudNetworkError).timedOut).toBe(true);
  });
});

describe("createDispatcher", () => {
  it("is a keep-alive agent without proxy variables", async () => {
    const d = createDispatcher({ requestTimeoutMs: 1000, env: {} });
    expect(d).toBeInstanceOf(Agent);
    await d.close();
  });

  it("routes through HTTPS_PROXY / HTTP_PROXY when set", async () => {
    const d = createDispatcher({
      requestTimeoutMs: 1000,
      env: { HTTPS_PROXY: "http://proxy.internal:3128" },
    });
    expect(d).toBeInstanceOf(EnvHttpProxyAgent);
    await d.close();
  });

  it("honours every variable of the exported PROXY_VARS, and only those", async () => {
    expect(PROXY_VARS).toEqual(["HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy"]);
    for (const name of PROXY_VARS) {
      const d = createDispatcher({ requestTimeoutMs: 1000, env: { [name]: "http://proxy.internal:3128" } });
      expect(d, name).toBeInstanceOf(EnvHttpProxyAgent);
      await d.close();
    }
    const d = createDispatcher({ requestTimeoutMs: 1000, env: { ALL_PROXY: "http://proxy.internal:3128" } });
    expect(d).toBeInstanceOf(Agent);
    await d.close();
  });
});
