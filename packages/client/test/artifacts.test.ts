import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { HttpResponse, http } from "msw";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { encodeArtifactPath } from "../src/core/request-values.js";
import { DbtCloudNotFoundError, DbtCloudResponseError, DbtCloudValidationError } from "../src/index.js";
import { apiError, makeClient, ok, useServer, V2 } from "./helpers.js";

const server = useServer();
let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "client-artifacts-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("listRunArtifacts", () => {
  it("returns the paths", async () => {
    server.use(
      http.get(`${V2}/runs/:id/artifacts/`, () =>
        ok(["manifest.json", "run_results.json", "compiled/a.sql"]),
      ),
    );
    const { client } = makeClient();
    expect(await client.listRunArtifacts(5)).toEqual(["manifest.json", "run_results.json", "compiled/a.sql"]);
  });

  it("returns [] for data: null (no artifacts)", async () => {
    server.use(http.get(`${V2}/runs/:id/artifacts/`, () => ok(null)));
    const { client } = makeClient();
    expect(await client.listRunArtifacts(5)).toEqual([]);
  });

  it("rejects a list that is not strings", async () => {
    server.use(http.get(`${V2}/runs/:id/artifacts/`, () => ok([1, 2])));
    const { client } = makeClient();
    await expect(client.listRunArtifacts(5)).rejects.toBeInstanceOf(DbtCloudResponseError);
  });
});

describe("getRunArtifact / getJobArtifact", () => {
  it("parses .json artifacts, sends Accept */*, the step, and no trailing slash", async () => {
    let seen: Request | undefined;
    server.use(
      http.get(`${V2}/runs/:id/artifacts/*`, ({ request }) => {
        seen = request;
        return HttpResponse.json({ metadata: { dbt_schema_version: "x" }, results: [] });
      }),
    );
    const { client } = makeClient();
    const value = await client.getRunArtifact(5, "run_results.json", { step: 4 });
    expect(value).toEqual({ metadata: { dbt_schema_version: "x" }, results: [] });
    const url = new URL(seen?.url ?? "");
    expect(url.pathname).toBe("/api/v2/accounts/1/runs/5/artifacts/run_results.json");
    expect(url.searchParams.get("step")).toBe("4");
    expect(seen?.headers.get("accept")).toBe("*/*");
  });

  it("returns text for other files and keeps the slashes of nested paths", async () => {
    let path = "";
    server.use(
      http.get(`${V2}/runs/:id/artifacts/*`, ({ request }) => {
        path = new URL(request.url).pathname;
        return HttpResponse.text("select 1 as id");
      }),
    );
    const { client } = makeClient();
    expect(await client.getRunArtifact(5, "compiled/my project/models/a b.sql")).toBe("select 1 as id");
    expect(path).toBe("/api/v2/accounts/1/runs/5/artifacts/compiled/my%20project/models/a%20b.sql");
  });

  it("a 404 (not produced by that step) is DbtCloudNotFoundError", async () => {
    server.use(http.get(`${V2}/runs/:id/artifacts/*`, () => apiError(404, "not found")));
    const { client } = makeClient();
    await expect(client.getRunArtifact(5, "run_results.json")).rejects.toBeInstanceOf(DbtCloudNotFoundError);
  });

  it("a .json artifact that is not JSON is a response error", async () => {
    server.use(http.get(`${V2}/runs/:id/artifacts/*`, () => HttpResponse.text("{truncated")));
    const { client } = makeClient();
    await expect(client.getRunArtifact(5, "manifest.json")).rejects.toThrow(/not valid JSON/);
  });

  it("retries a 5xx on artifact downloads", async () => {
    let calls = 0;
    server.use(
      http.get(`${V2}/runs/:id/artifacts/*`, () => {
        calls++;
        return calls === 1 ? HttpResponse.text("oops", { status: 503 }) : HttpResponse.json({ ok: true });
      }),
    );
    const { client } = makeClient();
    expect(await client.getRunArtifact(5, "x.json")).toEqual({ ok: true });
    expect(calls).toBe(2);
  });

  it("getJobArtifact reads the job's latest artifact", async () => {
    let path = "";
    server.use(
      http.get(`${V2}/jobs/:id/artifacts/*`, ({ request }) => {
        path = new URL(request.url).pathname;
        return HttpResponse.json({ nodes: {} });
      }),
    );
    const { client } = makeClient();
    expect(await client.getJobArtifact(40, "manifest.json")).toEqual({ nodes: {} });
    expect(path).toBe("/api/v2/accounts/1/jobs/40/artifacts/manifest.json");
  });

  it("validates artifact paths", () => {
    expect(encodeArtifactPath("/run_results.json")).toBe("run_results.json");
    expect(() => encodeArtifactPath("")).toThrow(DbtCloudValidationError);
    expect(() => encodeArtifactPath("../secrets")).toThrow(/"\.\." segment/);
    expect(() => encodeArtifactPath("a//b")).toThrow(/empty/);
  });
});

describe("downloadRunArtifact", () => {
  it("streams the body to the file chunk by chunk and reports the size", async () => {
    const chunk = new Uint8Array(64 * 1024).fill(97);
    const chunks = 40;
    let pulled = 0;
    server.use(
      http.get(`${V2}/runs/:id/artifacts/*`, () => {
        const stream = new ReadableStream<Uint8Array>({
          pull(controller) {
            if (pulled === chunks) {
              controller.close();
              return;
            }
            pulled++;
            controller.enqueue(chunk);
          },
        });
        return new HttpResponse(stream, { headers: { "content-type": "application/json" } });
      }),
    );
    const { client } = makeClient();
    const target = join(dir, "nested", "manifest.json");
    const result = await client.downloadRunArtifact(5, "manifest.json", { toFile: target, step: 2 });
    expect(result).toEqual({ path: target, bytes: chunk.length * chunks });
    expect((await readFile(target)).length).toBe(chunk.length * chunks);
    expect(await readdir(join(dir, "nested"))).toEqual(["manifest.json"]);
  });

  it("leaves no file behind when the download fails", async () => {
    server.use(http.get(`${V2}/runs/:id/artifacts/*`, () => apiError(404, "nope")));
    const { client } = makeClient();
    await expect(
      client.downloadRunArtifact(5, "catalog.json", { toFile: join(dir, "catalog.json") }),
    ).rejects.toBeInstanceOf(DbtCloudNotFoundError);
    expect(await readdir(dir)).toEqual([]);
  });

  it("stops and cleans up when aborted mid-stream", async () => {
    const controller = new AbortController();
    server.use(
      http.get(`${V2}/runs/:id/artifacts/*`, () => {
        let n = 0;
        const stream = new ReadableStream<Uint8Array>({
          pull(c) {
            n++;
            if (n === 3) controller.abort(new Error("stop download"));
            c.enqueue(new Uint8Array(1024));
          },
        });
        return new HttpResponse(stream);
      }),
    );
    const { client } = makeClient();
    await expect(
      client.downloadRunArtifact(5, "manifest.json", {
        toFile: join(dir, "m.json"),
        signal: controller.signal,
      }),
    ).rejects.toThrow();
    expect(await readdir(dir)).toEqual([]);
  });

  it("requires toFile", async () => {
    const { client } = makeClient();
    await expect(client.downloadRunArtifact(5, "manifest.json", { toFile: "" })).rejects.toThrow(/toFile/);
  });
});
