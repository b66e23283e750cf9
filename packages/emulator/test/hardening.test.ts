import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { handleAdmin } from "../src/http/admin.js";
import { createClock, type Emulator, parseEmulatorConfig } from "../src/index.js";
import { clientFor, emulator, v2 } from "./helpers.js";

interface RawResponse {
  status: number;
  text: string;
  json: unknown;
  headers: Record<string, string | string[] | undefined>;
}

/** A request over node:http, so the Host header, the raw path and the body framing are ours to choose. */
function send(
  emu: Emulator,
  options: {
    method?: string;
    path: string;
    headers?: Record<string, string>;
    body?: string | Buffer;
    host?: string | null;
    chunked?: boolean;
  },
): Promise<RawResponse> {
  const { port } = new URL(emu.url);
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { authorization: `Bearer ${emu.token}`, ...options.headers };
    if (options.host !== null) headers.host = options.host ?? `127.0.0.1:${port}`;
    if (options.body !== undefined && !options.chunked)
      headers["content-length"] = String(Buffer.byteLength(options.body));
    const req = request(
      {
        host: "127.0.0.1",
        port: Number(port),
        method: options.method ?? "GET",
        path: options.path,
        headers,
        setHost: false,
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => {
          const text = Buffer.concat(chunks).toString("utf8");
          let json: unknown;
          try {
            json = JSON.parse(text);
          } catch {
            json = undefined;
          }
          resolve({ status: res.statusCode ?? 0, text, json, headers: res.headers });
        });
      },
    );
    // The server may close the connection before reading an oversized body: the answer still arrives.
    req.on("error", (error: NodeJS.ErrnoException) => {
      if (error.code !== "EPIPE" && error.code !== "ECONNRESET") reject(error);
    });
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}

/** After a refused request the emulator keeps serving: the API and the admin routes answer normally. */
async function stillServing(emu: Emulator, jobId = 1001) {
  const client = clientFor(emu);
  expect((await client.getJob(jobId)).id).toBe(jobId);
  expect((await send(emu, { path: "/__emulator/health" })).json).toEqual({ ok: true });
}

describe("clock.advance", () => {
  it("rejects non-finite, negative and absurd values, and still moves for sane ones", () => {
    const clock = createClock({ mode: "virtual", speed: 1, start: "2026-01-01T00:00:00Z" });
    const start = clock.now();
    for (const bad of [
      Number.NaN,
      Number.POSITIVE_INFINITY,
      Number.NEGATIVE_INFINITY,
      -1,
      367 * 86_400_000,
    ]) {
      expect(() => clock.advance(bad), String(bad)).toThrow(RangeError);
    }
    expect(() => clock.advanceSeconds(Number.NaN)).toThrow(RangeError);
    expect(clock.now()).toBe(start);
    clock.advance(365 * 86_400_000);
    expect(clock.now()).toBe(start + 365 * 86_400_000);
  });

  it("its admin route answers 400 for the same values, leaves the clock alone, and keeps serving", async () => {
    const emu = await emulator({ clock: { mode: "virtual", start: "2026-01-01T00:00:00Z" } });
    const before = emu.clock.now();
    for (const body of [
      '{"seconds": 1e400}',
      '{"ms": -5}',
      '{"seconds": 40000000}',
      '{"ms": "5"}',
      '{"seconds": null}',
      "[1]",
      "7",
    ]) {
      const res = await send(emu, {
        method: "POST",
        path: "/__emulator/clock/advance",
        headers: { "content-type": "application/json" },
        body,
      });
      expect(res.status, body).toBe(400);
      expect((res.json as { error: string }).error).toMatch(/from 0 to a year/);
    }
    expect(emu.clock.now()).toBe(before);
    await stillServing(emu);
  });
});

describe("hostile requests", () => {
  let emu: Emulator;
  beforeEach(async () => {
    emu = await emulator({ maxBodyBytes: 4096 });
  });

  it("a malformed percent-encoding in the path is a 400, not a crash", async () => {
    for (const path of [
      `${v2(emu, "runs/%E0%A4%A/")}`,
      `${v2(emu, "jobs/%ZZ/")}`,
      `${v2(emu, "runs/1/artifacts/%C0")}`,
      "/__emulator/%",
    ]) {
      const res = await send(emu, { path });
      expect(res.status, path).toBe(400);
      expect(res.json).toMatchObject({ status: { code: 400, is_success: false } });
    }
    await stillServing(emu);
  });

  it("a body above the limit is a 413, whether announced by content-length or streamed chunked", async () => {
    const big = JSON.stringify({ cause: "x".repeat(5000) });
    const announced = await send(emu, {
      method: "POST",
      path: v2(emu, "jobs/1001/run/"),
      headers: { "content-type": "application/json" },
      body: big,
    });
    expect(announced.status).toBe(413);
    expect(announced.json).toMatchObject({ status: { code: 413, is_success: false } });
    expect(announced.text).toMatch(/4096 bytes/);
    const streamed = await send(emu, {
      method: "POST",
      path: v2(emu, "jobs/1001/run/"),
      headers: { "content-type": "application/json" },
      body: big,
      chunked: true,
    });
    expect(streamed.status).toBe(413);
    const admin = await send(emu, {
      method: "POST",
      path: "/__emulator/faults",
      headers: { "content-type": "application/json" },
      body: big,
    });
    expect(admin.status).toBe(413);
    expect(emu.runs.list()).toEqual([]);
    await stillServing(emu);
  });

  it("the body limit defaults to 1 MiB and is configurable", async () => {
    expect(parseEmulatorConfig({}).maxBodyBytes).toBe(1024 * 1024);
    expect(() => parseEmulatorConfig({ maxBodyBytes: 0 })).toThrow(/maxBodyBytes: must be a positive number/);
    const plain = await emulator();
    const res = await send(plain, {
      method: "POST",
      path: v2(plain, "jobs/1001/run/"),
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ cause: "y".repeat(1024 * 1024) }),
    });
    expect(res.status).toBe(413);
    await stillServing(plain);
  });

  it("the admin routes accept only JSON bodies (415 otherwise) and reject malformed JSON (400)", async () => {
    const before = emu.clock.now();
    for (const contentType of ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data"]) {
      const res = await send(emu, {
        method: "POST",
        path: "/__emulator/clock/advance",
        headers: { "content-type": contentType },
        body: '{"seconds": 60}',
      });
      expect(res.status, contentType).toBe(415);
    }
    const noType = await send(emu, { method: "POST", path: "/__emulator/faults", body: '{"operation":"*"}' });
    expect(noType.status).toBe(415);
    expect(emu.faults.list()).toEqual([]);
    expect(emu.clock.now()).toBe(before);
    const malformed = await send(emu, {
      method: "POST",
      path: "/__emulator/clock/advance",
      headers: { "content-type": "application/json" },
      body: '{"seconds": ',
    });
    expect(malformed.status).toBe(400);
    const ok = await send(emu, {
      method: "POST",
      path: "/__emulator/clock/advance",
      headers: { "content-type": "application/json; charset=utf-8" },
      body: '{"seconds": 60}',
    });
    expect(ok.status).toBe(200);
    await stillServing(emu);
  });

  it("refuses a Host that is not a loopback name with the emulator's port (DNS rebinding)", async () => {
    const { port } = new URL(emu.url);
    for (const host of [
      `evil.example:${port}`,
      "evil.example",
      `127.0.0.1:${Number(port) + 1}`,
      `localhost.evil.example:${port}`,
      `127.0.0.1.nip.io:${port}`,
      `0.0.0.0:${port}`,
      null,
    ]) {
      for (const path of [v2(emu, "jobs/1001/"), "/__emulator/health", "/__emulator/requests"]) {
        const res = await send(emu, { path, host });
        // Without any Host header Node's HTTP/1.1 parser already answers 400.
        expect(res.status, `${host} ${path}`).toBe(host === null ? 400 : 421);
        expect(res.text).not.toContain(emu.token);
      }
    }
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `LOCALHOST:${port}`, `[::1]:${port}`]) {
      expect((await send(emu, { path: v2(emu, "jobs/1001/"), host })).status, host).toBe(200);
    }
    await stillServing(emu);
  });
});

describe("untrusted keys", () => {
  it("query parameter names and order_by values such as constructor or __proto__ are 400s, not Object.prototype's members", async () => {
    const emu = await emulator();
    for (const query of [
      "constructor=1",
      "__proto__=1",
      "toString=x",
      "order_by=constructor",
      "order_by=-__proto__",
    ]) {
      const res = await send(emu, { path: `${v2(emu, "runs/")}?${query}` });
      expect(res.status, query).toBe(400);
    }
    await stillServing(emu);
  });

  it("a job body's __proto__ field injects nothing and constructor is echoed as data", async () => {
    const emu = await emulator();
    const body = `{"project_id": 11, "environment_id": 101, "name": "hostile", "__proto__": {"polluted": true, "execute_steps": ["dbt run"]}, "constructor": "x"}`;
    const res = await send(emu, {
      method: "POST",
      path: v2(emu, "jobs/"),
      headers: { "content-type": "application/json" },
      body,
    });
    expect(res.status).toBe(200);
    const data = (res.json as { data: Record<string, unknown> }).data;
    expect(data.execute_steps).toEqual([]);
    expect(data.polluted).toBeUndefined();
    expect(Object.hasOwn(data, "constructor")).toBe(true);
    expect(data.constructor).toBe("x");
    expect(emu.jobs.get("hostile").executeSteps).toEqual([]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    await stillServing(emu);
  });

  describe("a project whose node ids and names are __proto__, constructor, toString and hasOwnProperty", () => {
    let dir: string;
    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), "emu-hostile-"));
      const node = (id: string, type: string, parents: string[], extra = "") =>
        `"${id}": {"unique_id": "${id}", "name": "${id}", "resource_type": "${type}", "package_name": "p", "original_file_path": "models/${id}.sql", "path": "${id}.sql", "fqn": ["p", "${id}"], "config": {"materialized": "table", "enabled": true}, "depends_on": {"nodes": ${JSON.stringify(parents)}}, "columns": {"__proto__": {"name": "__proto__"}, "constructor": {"name": "constructor"}}${extra}}`;
      const manifest = `{
        "metadata": {"dbt_schema_version": "https://schemas.getdbt.com/dbt/manifest/v12.json", "project_name": "p"},
        "nodes": {
          ${node("__proto__", "model", [])},
          ${node("constructor", "model", ["__proto__"])},
          ${node("toString", "test", ["constructor"], ', "attached_node": "constructor"')}
        },
        "sources": {},
        "exposures": {},
        "unit_tests": {
          ${node("hasOwnProperty", "unit_test", ["constructor"])}
        }
      }`;
      await writeFile(join(dir, "manifest.json"), manifest);
    });
    afterAll(async () => rm(dir, { recursive: true, force: true }));

    it("runs dbt build over every node, fails a configured one by name, and writes run_results and catalog keyed by those ids", async () => {
      const emu = await emulator({
        baseDir: dir,
        accounts: [
          {
            id: 1,
            projects: [
              {
                name: "Hostile",
                manifestPath: "manifest.json",
                environments: [
                  {
                    name: "Prod",
                    jobs: [
                      {
                        id: 7,
                        name: "Build",
                        executeSteps: ["dbt build"],
                        generateDocs: true,
                        behaviour: { failNodes: ["toString"], outcome: "error" },
                      },
                    ],
                  },
                ],
              },
            ],
          },
        ],
      });
      const client = clientFor(emu);
      const run = await client.triggerJobRun(7, { cause: "hostile ids" });
      emu.clock.advanceSeconds(3600);
      const final = await client.getRun(run.id);
      expect(final.status).toBe(20);
      const runResults = (await client.getRunArtifact(run.id, "run_results.json", { step: 4 })) as {
        results: Array<{ unique_id: string; status: string }>;
      };
      const status = new Map(runResults.results.map((r) => [r.unique_id, r.status]));
      expect(status.get("__proto__")).toBe("success");
      expect(status.get("constructor")).toBe("success");
      expect(status.get("toString")).toBe("fail");
      expect(status.has("hasOwnProperty")).toBe(true);

      emu.jobs.configure(7, { failNodes: [], outcome: "success" });
      const docsRun = await client.triggerJobRun(7, { cause: "docs 2" });
      emu.clock.advanceSeconds(7200);
      const catalogText = (await client.getRunArtifact(docsRun.id, "catalog.json")) as {
        nodes: Record<string, { columns: Record<string, unknown> }>;
      };
      expect(Object.keys(catalogText.nodes).sort()).toEqual(["__proto__", "constructor"]);
      const ctor = "constructor";
      expect(Object.keys(catalogText.nodes[ctor]?.columns ?? {}).sort()).toEqual([
        "__proto__",
        "constructor",
      ]);
      await stillServing(emu, 7);
    });
  });
});

describe("linear path handling", () => {
  it("trailing slashes of an admin path are dropped in linear time", () => {
    // `/\/+$/` retried from every slash: 100k slashes and one character took seconds.
    const deps = {} as Parameters<typeof handleAdmin>[0]; // an unknown route touches no state
    const started = performance.now();
    const res = handleAdmin(
      deps,
      "GET",
      `/__emulator/${"/".repeat(100_000)}x`,
      new URLSearchParams(),
      undefined,
    );
    expect(res.status).toBe(404);
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it("over HTTP: a path of thousands of slashes is a 404, trailing slashes still reach the route", async () => {
    const emu = await emulator();
    expect((await send(emu, { path: `/__emulator/${"/".repeat(15_000)}x` })).status).toBe(404);
    expect((await send(emu, { path: `/__emulator/health${"/".repeat(15_000)}` })).json).toEqual({ ok: true });
    await stillServing(emu);
  });
});
