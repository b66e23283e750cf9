import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type Emulator, type StartEmulatorOptions, startEmulator } from "@dbt-cloud-kit/emulator";

/** What package managers link as `dbt-cloud-kit`: the committed shim that loads dist/bin.js. */
export const BIN = fileURLToPath(new URL("../../bin/dbt-cloud-kit.js", import.meta.url));

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
  cwd: string;
}

export interface CliOptions {
  env?: Record<string, string | undefined>;
  stdin?: string;
  cwd?: string;
  onSpawn?: (child: ChildProcess, output: () => { stdout: string; stderr: string }) => void;
}

/** A clean environment: no CI variables of the machine running the tests leak into the child. */
export function baseEnv(extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, NO_COLOR: "1" };
  for (const [k, v] of Object.entries(extra)) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  return env;
}

/** Runs the built bin as a child process. */
export function runCli(args: readonly string[], options: CliOptions = {}): Promise<CliResult> {
  const cwd = options.cwd ?? mkdtempSync(join(tmpdir(), "dbt-cli-"));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd, env: baseEnv(options.env), stdio: "pipe" });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c: Buffer) => {
      stdout += c.toString();
    });
    child.stderr.on("data", (c: Buffer) => {
      stderr += c.toString();
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr, cwd }));
    if (options.stdin !== undefined) child.stdin.end(options.stdin);
    else child.stdin.end();
    options.onSpawn?.(child, () => ({ stdout, stderr }));
  });
}

/** Emulated seconds per real second: a default run (~30 emulated seconds) takes a fraction of a second. */
export const SPEED = 100;

export function emulator(options: StartEmulatorOptions = {}): Promise<Emulator> {
  return startEmulator({ clock: { mode: "real", speed: SPEED }, ...options });
}

/** The emulator's credentials as the CLI reads them, plus fast polling for waiting commands. */
export function emulatorEnv(emu: Emulator): Record<string, string> {
  return {
    DBT_CLOUD_ACCESS_URL: emu.url,
    DBT_CLOUD_ACCOUNT_ID: String(emu.accountId),
    DBT_CLOUD_API_TOKEN: emu.token,
  };
}

export const FAST = ["--poll-interval", "0.05", "--request-timeout", "5"];

export const JOBS = {
  daily: 1001,
  docs: 1002,
  ci: 1003,
  failingTests: 1004,
  modelError: 1005,
  parseOnly: 1006,
  noArtifacts: 1007,
} as const;

/** Resolves once `predicate` holds for the output so far (polling), or rejects after `ms`. */
export async function waitForOutput(
  output: () => { stdout: string; stderr: string },
  predicate: (o: { stdout: string; stderr: string }) => boolean,
  ms = 15_000,
): Promise<void> {
  const deadline = Date.now() + ms;
  while (!predicate(output())) {
    if (Date.now() > deadline)
      throw new Error(`output never matched:\n${output().stderr}\n${output().stdout}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
