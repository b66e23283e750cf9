import { spawn } from "node:child_process";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { build } from "tsup";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  DbtCloudCursorStoreError,
  FileCursorStore,
  MemoryCursorStore,
  type PgQuery,
  PostgresCursorStore,
} from "../../src/index.js";
import { cursorStoreContract } from "./cursor-store-contract.js";

let dir: string;
let db: PGlite;
let tableCount = 0;
const pgQuery: PgQuery = async (sql, params) => {
  const result = await db.query<Record<string, unknown>>(sql, params as unknown[]);
  return { rows: result.rows };
};

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "sensor-stores-"));
  db = new PGlite();
  await db.waitReady;
}, 120_000);
afterAll(async () => {
  await db?.close();
  await rm(dir, { recursive: true, force: true });
});

cursorStoreContract("MemoryCursorStore", async () => new MemoryCursorStore());
let files = 0;
cursorStoreContract(
  "FileCursorStore",
  async () => new FileCursorStore(join(dir, `c${files++}`, "cursor.json")),
);
cursorStoreContract(
  "PostgresCursorStore (PGlite)",
  async () => new PostgresCursorStore({ query: pgQuery, table: `cursors_${tableCount++}` }),
);

describe("FileCursorStore", () => {
  it("leaves no temp or lock files behind and writes the cursor with its version", async () => {
    const path = join(dir, "plain", "cursor.json");
    const store = new FileCursorStore(path);
    await store.save("hello", 0);
    expect(await readdir(join(dir, "plain"))).toEqual(["cursor.json"]);
    expect(JSON.parse(await readFile(path, "utf8"))).toMatchObject({ version: 1, cursor: "hello" });
  });

  it("ignores a torn temp file and takes over the lock of a crashed process", async () => {
    const path = join(dir, "crashed", "cursor.json");
    const store = new FileCursorStore(path);
    await store.save("good", 0);
    await writeFile(`${path}.999.abc.tmp`, '{"format":"dbt-cloud-kit/cursor-file","vers');
    // A lock whose owner no longer exists (pid far above any live process).
    await writeFile(
      `${path}.lock`,
      JSON.stringify({ pid: 2 ** 22 + 12345, host: (await import("node:os")).hostname(), token: "x" }),
    );
    expect(await store.load()).toEqual({ cursor: "good", version: 1 });
    expect(await store.save("after crash", 1)).toEqual({ ok: true, version: 2 });
  });

  it("survives a process killed in the middle of writing: the file is the old or the new cursor", async () => {
    const path = join(dir, "killed", "cursor.json");
    // Node 20 cannot run TypeScript: bundle the real store for the child.
    const outDir = join(dir, "bundle");
    await build({
      entry: { store: new URL("../../src/stores/file-cursor-store.ts", import.meta.url).pathname },
      outDir,
      format: ["esm"],
      platform: "node",
      target: "node20",
      config: false,
      silent: true,
      noExternal: [/^@dbt-cloud-kit\//],
      esbuildOptions(options) {
        options.conditions = ["@dbt-cloud-kit/source"];
      },
    });
    const storeModule = join(outDir, "store.js");
    await new FileCursorStore(path).save("v0".padEnd(200_000, "x"), 0);
    // A child process saving large cursors in a tight loop, killed without warning.
    const script = `
      const { FileCursorStore } = await import(${JSON.stringify(storeModule)});
      const store = new FileCursorStore(${JSON.stringify(path)});
      for (let i = 1; ; i++) {
        const { version } = await store.load();
        await store.save(("v" + i).padEnd(200_000, "x"), version);
        if (i === 3) process.stdout.write("writing\\n");
      }`;
    const child = spawn(process.execPath, ["--input-type=module", "-e", script], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    await new Promise<void>((resolve, reject) => {
      child.stdout.once("data", () => resolve());
      child.once("exit", (code) => reject(new Error(`child exited early with ${code}`)));
    });
    await new Promise((r) => setTimeout(r, 150));
    child.kill("SIGKILL");
    await new Promise((r) => child.once("exit", r));
    const store = new FileCursorStore(path);
    const { cursor, version } = await store.load();
    expect(cursor).toMatch(/^v\d+x+$/);
    expect(cursor).toHaveLength(200_000);
    expect(Number(cursor?.match(/^v(\d+)/)?.[1])).toBe(version - 1);
    expect((await store.save("next", version)).ok).toBe(true);
  }, 60_000);

  it("says how to recover from a file it did not write", async () => {
    const path = join(dir, "foreign.json");
    await writeFile(path, "not json");
    await expect(new FileCursorStore(path).load()).rejects.toThrow(DbtCloudCursorStoreError);
    await expect(new FileCursorStore(path).load()).rejects.toThrow(/is not JSON.*move it away to start over/);
    expect(() => new FileCursorStore("")).toThrow(/path:/);
  });
});

describe("PostgresCursorStore", () => {
  it("creates its one table if missing and keeps one row per key", async () => {
    const a = new PostgresCursorStore({ query: pgQuery, key: "sensor_a", table: "shared_cursors" });
    const b = new PostgresCursorStore({ query: pgQuery, key: "sensor_b", table: "shared_cursors" });
    await a.save("A", 0);
    await b.save("B", 0);
    expect(await a.load()).toEqual({ cursor: "A", version: 1 });
    expect(await b.load()).toEqual({ cursor: "B", version: 1 });
    const rows = await db.query("SELECT key FROM shared_cursors ORDER BY key");
    expect(rows.rows).toEqual([{ key: "sensor_a" }, { key: "sensor_b" }]);
  });

  it("validates its options before any query", () => {
    expect(() => new PostgresCursorStore({ query: undefined as unknown as PgQuery })).toThrow(
      /query: expected a pg-compatible/,
    );
    expect(() => new PostgresCursorStore({ query: pgQuery, table: "x; DROP TABLE y" })).toThrow(/table:/);
  });

  it("wraps database errors with the table and key", async () => {
    const failing: PgQuery = async () => {
      throw Object.assign(new Error("connection refused"), { code: "ECONNREFUSED" });
    };
    await expect(new PostgresCursorStore({ query: failing, key: "k" }).load()).rejects.toThrow(
      /Postgres cursor store \(dbt_cloud_kit_sensor_cursors, key "k"\) failed: connection refused/,
    );
  });
});
