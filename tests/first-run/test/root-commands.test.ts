// The root commands a newcomer types first: `pnpm emulator` stops cleanly on Ctrl-C and never touches what
// `pnpm build` packs; `pnpm demo` says how fast the emulator runs, fails as the failing step would, and
// rejects flags it does not know.
import { type ChildProcess, spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const repoRoot = join(import.meta.dirname, "..", "..", "..");
const env = {
  ...process.env,
  TURBO_TELEMETRY_DISABLED: "1",
  npm_config_update_notifier: "false",
  FORCE_COLOR: "0",
};

interface Started {
  child: ChildProcess;
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Runs a command in its own process group, as a terminal runs a foreground job. */
function start(command: string, args: string[]): Started {
  const child = spawn(command, args, {
    cwd: repoRoot,
    env,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (d: Buffer) => {
    output += d.toString();
  });
  child.stderr?.on("data", (d: Buffer) => {
    output += d.toString();
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on("close", (code, signal) => resolve({ code, signal })),
  );
  return { child, output: () => output, exited };
}

async function waitFor(predicate: () => boolean, what: string, ms = 90_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function digest(dir: string): string {
  const hash = createHash("sha256");
  if (!existsSync(dir)) return "absent";
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isFile()) hash.update(name).update(readFileSync(path));
  }
  return hash.digest("hex");
}

describe("pnpm emulator", () => {
  it("ends with exit code 0 and no pnpm failure lines on Ctrl-C, and leaves dist/ as pnpm build made it", async () => {
    const dist = join(repoRoot, "packages", "emulator", "dist");
    const before = digest(dist);
    const p = start("pnpm", ["emulator", "--", "--port", "0"]);
    try {
      await waitFor(() => p.output().includes("Press Ctrl-C"), "the emulator's banner");
      // Ctrl-C in a terminal: SIGINT to every process of the foreground group (pnpm, sh, node).
      process.kill(-(p.child.pid as number), "SIGINT");
      const { code, signal } = await p.exited;
      expect({ code, signal }).toEqual({ code: 0, signal: null });
      expect(p.output()).toContain("SIGINT received, stopping the emulator");
      expect(p.output()).not.toMatch(/ELIFECYCLE|ERR_PNPM|Command failed/);
      expect(digest(dist)).toBe(before);
    } finally {
      if (p.child.exitCode === null) process.kill(-(p.child.pid as number), "SIGKILL");
    }
  }, 120_000);
});

describe("pnpm demo", () => {
  it("rejects an unknown flag with exit code 2 and the usage", async () => {
    const p = start("node", ["apps/action/scripts/demo.mjs", "--fial"]);
    const { code } = await p.exited;
    expect(code).toBe(2);
    expect(p.output()).toContain("'--fial'");
    expect(p.output()).toContain("Usage: pnpm demo");
  });

  it("--fail says the emulator's speed factor and exits 1, as the failing step would", async () => {
    const p = start("node", ["apps/action/scripts/demo.mjs", "--", "--fail", "--no-summary"]);
    const { code } = await p.exited;
    expect(p.output()).toMatch(/runs 15× faster than real time/);
    expect(p.output()).toContain("Step result: failed (exit code 1)");
    expect(code).toBe(1);
  }, 120_000);
});
