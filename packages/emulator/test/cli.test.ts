import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "tsup";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const packageDir = fileURLToPath(new URL("..", import.meta.url));
let outDir: string;

beforeAll(async () => {
  // Built inside the package so the bundle resolves its external dependencies (zod) like dist/ does.
  outDir = await mkdtemp(join(packageDir, ".cli-test-"));
  await build({
    entry: { cli: join(packageDir, "src/cli.ts") },
    outDir,
    format: ["esm"],
    target: "node20",
    config: false,
    silent: true,
    dts: false,
    noExternal: [/^@dbt-cloud-kit\//],
    esbuildOptions(options) {
      options.conditions = ["@dbt-cloud-kit/source"];
    },
  });
}, 120_000);

afterAll(async () => {
  await rm(outDir, { recursive: true, force: true });
});

function start(args: string[]): {
  child: ChildProcessWithoutNullStreams;
  out: () => string;
  err: () => string;
  exited: Promise<number | null>;
} {
  const child = spawn(process.execPath, [join(outDir, "cli.js"), ...args], { cwd: outDir });
  let out = "";
  let err = "";
  child.stdout.on("data", (d: Buffer) => {
    out += d.toString();
  });
  child.stderr.on("data", (d: Buffer) => {
    err += d.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, out: () => out, err: () => err, exited };
}

async function waitFor(predicate: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe("dbt-cloud-emulator bin", () => {
  it("prints the base URL, account, token and job ids, serves the API, and stops cleanly on SIGTERM", async () => {
    const config = join(outDir, "config.json");
    await writeFile(
      config,
      JSON.stringify({
        accounts: [
          {
            id: 42,
            token: "cli-test-token-123",
            projects: [{ name: "P", environments: [{ name: "Prod", jobs: [{ id: 7, name: "Seven" }] }] }],
          },
        ],
      }),
    );
    const p = start(["--port", "0", "--config", config, "--speed", "100"]);
    await waitFor(() => p.out().includes("Press Ctrl-C"), "the startup banner");
    const url = /base URL:\s+(\S+)/.exec(p.out())?.[1] ?? "";
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(p.out()).toContain("account:    42");
    expect(p.out()).toContain("token: cli-test-token-123");
    expect(p.out()).toMatch(/^\s+7\s+Seven\s+\[scheduled, account 42\]$/m);
    const res = await fetch(`${url}/api/v2/accounts/42/jobs/7/`, {
      headers: { authorization: "Bearer cli-test-token-123" },
    });
    expect(res.status).toBe(200);
    p.child.kill("SIGTERM");
    expect(await p.exited).toBe(0);
    expect(p.out()).toContain("SIGTERM received, stopping the emulator");
    expect(p.err()).toBe("");
  }, 30_000);

  it("--virtual-clock freezes time until the admin endpoint moves it", async () => {
    const p = start(["--virtual-clock", "--host", "127.0.0.1"]);
    await waitFor(() => p.out().includes("Press Ctrl-C"), "the startup banner");
    const url = /base URL:\s+(\S+)/.exec(p.out())?.[1] ?? "";
    const clock = (await (await fetch(`${url}/__emulator/clock`)).json()) as { mode: string; speed: number };
    expect(clock).toMatchObject({ mode: "virtual", speed: 0 });
    p.child.kill("SIGINT");
    expect(await p.exited).toBe(0);
  }, 30_000);

  it("exits 2 with the field and the fix for a bad config, and for bad flags", async () => {
    const config = join(outDir, "bad.json");
    await writeFile(config, JSON.stringify({ clock: { mode: "sometimes" } }));
    const bad = start(["--config", config]);
    expect(await bad.exited).toBe(2);
    expect(bad.err()).toMatch(/clock\.mode: must be "real" \(follows wall time\) or "virtual"/);

    const flag = start(["--port", "eighty"]);
    expect(await flag.exited).toBe(2);
    expect(flag.err()).toMatch(/--port: "eighty" is not a port number/);

    const missing = start(["--config", join(outDir, "missing.json")]);
    expect(await missing.exited).toBe(2);
    expect(missing.err()).toMatch(/--config: cannot read/);
  }, 30_000);
});
