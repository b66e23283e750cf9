// biome-ignore-all lint/suspicious/noControlCharactersInRegex: terminal escape sequences are what these tests look for
import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Emulator } from "@dbt-cloud-kit/emulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BIN, baseEnv, emulator, emulatorEnv, JOBS, runCli } from "../support/cli-process.js";

let emu: Emulator;
let env: Record<string, string>;

beforeAll(async () => {
  emu = await emulator();
  env = emulatorEnv(emu);
});
afterAll(() => emu.close());

/** Runs the bin inside a pseudo-terminal (util-linux `script`): stdout and stderr are a TTY. */
function runInTerminal(
  args: string[],
  extraEnv: Record<string, string | undefined>,
): Promise<{ code: number | null; output: string }> {
  // A pty starts 80 columns wide; the live line is cut to the width, so widen it.
  const quoted = `stty cols 200; ${[process.execPath, BIN, ...args].map((a) => `'${a.replaceAll("'", "'\\''")}'`).join(" ")}`;
  return new Promise((resolve, reject) => {
    const child = spawn("script", ["-qfec", quoted, "/dev/null"], {
      cwd: mkdtempSync(join(tmpdir(), "dbt-cli-tty-")),
      env: { ...baseEnv(extraEnv), TERM: "xterm-256color" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (c: Buffer) => {
      output += c.toString();
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, output }));
  });
}

describe("on a terminal", () => {
  it("run redraws one live line (status, elapsed, current step) and colours the result", async () => {
    emu.jobs.configure(JOBS.noArtifacts, { runSeconds: 400 });
    const r = await runInTerminal(
      ["run", "--job-id", String(JOBS.noArtifacts), "--poll-interval", "0.2", "--no-artifacts"],
      {
        ...env,
        NO_COLOR: undefined,
      },
    );
    expect(r.code).toBe(0);
    // Redrawn in place: carriage return + erase line, never one line per poll.
    expect(r.output).toContain("\r\u001b[2K");
    expect(r.output).toMatch(
      /Run \d+: \u001b\[1mRunning\u001b\[22m · \d+s · step 4: Invoke dbt with `dbt run`/,
    );
    expect(r.output).not.toMatch(/^\[\d+s\] Run/m);
    expect(r.output).toContain("\u001b[32m✔\u001b[39m Run");
  });

  it("NO_COLOR and --no-color turn colours off (the live line stays)", async () => {
    for (const extra of [{ NO_COLOR: "1" }, { NO_COLOR: undefined }]) {
      const args = ["run", "--job-id", String(JOBS.daily), "--poll-interval", "0.05", "--no-artifacts"];
      const r = await runInTerminal(extra.NO_COLOR ? args : [...args, "--no-color"], { ...env, ...extra });
      expect(r.code).toBe(0);
      expect(r.output).toContain("\r\u001b[2K");
      expect(r.output).not.toMatch(/\u001b\[(?:1|22|3\d|39)m/);
    }
  });

  it("lists are aligned tables with a header", async () => {
    const r = await runInTerminal(["jobs", "--no-color"], env);
    expect(r.output).toMatch(/^ID {4}PROJECT {2}ENV {2}TYPE {7}NAME\r?$/m);
    expect(r.output).toMatch(/^1001 {2}11 {7}101 {2}scheduled {2}Daily build\r?$/m);
  });
});

describe("not on a terminal", () => {
  it("one plain line per change, no redraws and no colours", async () => {
    const r = await runCli(
      ["run", "--job-id", String(JOBS.daily), "--poll-interval", "0.05", "--no-artifacts"],
      {
        env: { ...env, NO_COLOR: undefined },
      },
    );
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^\[\d+s\] Run \d+: Running$/m);
    expect(r.stderr).toMatch(/^\[\d+s\] Run \d+: Success$/m);
    expect(r.stderr + r.stdout).not.toContain("\u001b");
  });

  it("--quiet prints only the result", async () => {
    const r = await runCli(
      ["run", "--job-id", String(JOBS.daily), "--poll-interval", "0.05", "--no-artifacts", "--quiet"],
      { env },
    );
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    expect(r.stdout).toMatch(/^✔ Run \d+ succeeded/);
  });
});
