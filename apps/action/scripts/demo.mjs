#!/usr/bin/env node
// `pnpm demo`: the whole action experience without a dbt Cloud account. Starts the dbt Cloud emulator on
// 127.0.0.1, runs the committed bundle dist/main.js against it exactly as a GitHub runner would (INPUT_*
// variables, GITHUB_OUTPUT / GITHUB_STATE / GITHUB_STEP_SUMMARY files), shows its log the way the Actions UI
// does, then prints the outputs and where the job summary and artifacts were written.
//
//   pnpm demo                    a successful build (artifacts come from the build step, not docs generate)
//   pnpm demo -- --fail          a build with failing and warning tests; exits 1, as the failing step would
//   pnpm demo -- --raw           show the raw workflow commands (::group::, ::error::, …)
//   pnpm demo -- --no-summary    skip printing the job summary
// The demo exits with the step's exit code. Unknown flags are errors (exit 2).
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";

const here = fileURLToPath(new URL(".", import.meta.url));
const actionDir = join(here, "..");
const repoRoot = join(actionDir, "..", "..");
const emulatorDir = join(repoRoot, "packages", "emulator");
const USAGE = "Usage: pnpm demo [-- --fail] [--raw] [--no-summary]";
let flags;
try {
  // `pnpm demo -- --fail` may pass the "--" separator through.
  const argv = process.argv.slice(2);
  if (argv[0] === "--") argv.shift();
  ({ values: flags } = parseArgs({
    args: argv,
    options: { fail: { type: "boolean" }, raw: { type: "boolean" }, "no-summary": { type: "boolean" } },
    strict: true,
    allowPositionals: false,
  }));
} catch (error) {
  console.error(`${error.message}\n${USAGE}`);
  process.exit(2);
}
const fail = flags.fail === true;
const raw = flags.raw === true;
// Emulated seconds per real second: a run takes a few seconds, slow enough to watch the statuses change.
const SPEED = 15;

const tty = process.stdout.isTTY && !process.env.NO_COLOR;
const paint = (code) => (text) => (tty ? `\u001b[${code}m${text}\u001b[0m` : text);
const bold = paint("1");
const dim = paint("2");
const red = paint("31");
const yellow = paint("33");
const green = paint("32");
const cyan = paint("36");

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

// The emulator's dist imports the built client, assets and credentials (they are its dependencies, not bundled).
const EMULATOR_AND_DEPENDENCIES = ["emulator", "assets", "client", "credentials"];

function ensureEmulatorBuilt() {
  const dist = join(emulatorDir, "dist", "index.js");
  const fresh = EMULATOR_AND_DEPENDENCIES.every((name) => {
    const dir = join(repoRoot, "packages", name);
    const built = join(dir, "dist", "index.js");
    return existsSync(built) && statSync(built).mtimeMs >= newestMtime(join(dir, "src"));
  });
  if (fresh) return dist;
  console.log(dim("Building the dbt Cloud emulator and the packages it uses (first run only)…"));
  const result = spawnSync(
    "pnpm",
    ["exec", "turbo", "run", "build", "--filter=@dbt-cloud-kit/emulator...", "--output-logs=errors-only"],
    {
      cwd: repoRoot,
      stdio: ["ignore", "ignore", "inherit"],
      env: { ...process.env, TURBO_TELEMETRY_DISABLED: "1" },
    },
  );
  if (result.status !== 0 || !existsSync(dist)) {
    console.error(red("Could not build the emulator: run `pnpm install` first, then `pnpm demo` again."));
    process.exit(1);
  }
  return dist;
}

/** Renders workflow commands roughly as the Actions log view shows them. */
function renderLine(line) {
  if (raw) return line;
  if (line.startsWith("::add-mask::") || line.startsWith("::debug::") || line === "::endgroup::")
    return undefined;
  if (line.startsWith("::group::")) return bold(cyan(`▸ ${line.slice(9)}`));
  const annotation = /^::(error|warning|notice)(?: ([^:]*))?::(.*)$/.exec(line);
  if (annotation) {
    const [, level, props = "", message] = annotation;
    const decode = (s) =>
      s
        .replace(/%0A/g, "\n")
        .replace(/%0D/g, "")
        .replace(/%3A/g, ":")
        .replace(/%2C/g, ",")
        .replace(/%25/g, "%");
    const title = /title=([^,]*)/.exec(props)?.[1];
    const file = /file=([^,]*)/.exec(props)?.[1];
    const color = level === "error" ? red : level === "warning" ? yellow : cyan;
    const where = file ? dim(` (${decode(file)})`) : "";
    return (
      color(
        `${level === "error" ? "Error" : level === "warning" ? "Warning" : "Notice"}: ${title ? `${decode(title)} — ` : ""}${decode(message)}`,
      ) + where
    );
  }
  return `  ${line}`;
}

function parseFileCommands(text) {
  const result = {};
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const m = /^([^=<]+)<<(.+)$/.exec(lines[i]);
    if (!m) continue;
    const value = [];
    for (i++; i < lines.length && lines[i] !== m[2]; i++) value.push(lines[i]);
    result[m[1]] = value.join("\n");
  }
  return result;
}

const emulatorEntry = ensureEmulatorBuilt();
const { startEmulator } = await import(pathToFileURL(emulatorEntry).href);
const emu = await startEmulator({ clock: { mode: "real", speed: SPEED } });
const job = emu.jobs.get(fail ? 1004 : 1002);

const workspace = mkdtempSync(join(tmpdir(), "dbt-cloud-kit-demo-"));
const files = {
  GITHUB_OUTPUT: join(workspace, "github-output.txt"),
  GITHUB_STATE: join(workspace, "github-state.txt"),
  GITHUB_STEP_SUMMARY: join(workspace, "job-summary.md"),
};
for (const path of Object.values(files)) writeFileSync(path, "");

console.log(`${bold("dbt Cloud emulator")} on ${emu.url} (account ${emu.accountId})`);
console.log(
  dim(
    `The emulator runs ${SPEED}× faster than real time: the durations dbt Cloud reports below are emulated seconds.`,
  ),
);
console.log(
  `${bold("Running")} apps/action/dist/main.js for job ${job.id} "${job.name}" (${job.executeSteps.join(", ")}${job.generateDocs ? ", docs generate" : ""})`,
);
console.log(dim(`workspace: ${workspace}\n`));

const inputs = {
  "api-token": emu.token,
  "account-id": String(emu.accountId),
  "access-url": emu.url,
  "job-id": String(job.id),
  "poll-interval": "1",
  cause: "dbt-cloud-kit demo",
};
const env = {
  PATH: process.env.PATH,
  HOME: process.env.HOME,
  GITHUB_ACTIONS: "true",
  GITHUB_REPOSITORY: "acme/analytics",
  GITHUB_RUN_ID: "4242",
  GITHUB_RUN_NUMBER: "42",
  GITHUB_WORKFLOW: "dbt Cloud deploy",
  GITHUB_SHA: "3f4e5d6c7b8a99887766554433221100ffeeddcc",
  GITHUB_EVENT_NAME: "push",
  ...files,
};
for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name.toUpperCase()}`] = value;

const child = spawn(process.execPath, [join(actionDir, "dist", "main.js")], { cwd: workspace, env });
let buffer = "";
// Step logs come in a group the Actions UI shows collapsed: here, their last lines only.
let collapsed;
function show(line) {
  if (!raw && line.startsWith("::group::Logs of")) {
    console.log(renderLine(line));
    collapsed = [];
    return;
  }
  if (collapsed && line === "::endgroup::") {
    const tail = collapsed.slice(-12);
    if (collapsed.length > tail.length)
      console.log(dim(`  … ${collapsed.length - tail.length} more lines (collapsed in the Actions UI)`));
    for (const l of tail) console.log(dim(`  ${l}`));
    collapsed = undefined;
    return;
  }
  if (collapsed) {
    collapsed.push(line);
    return;
  }
  const shown = renderLine(line);
  if (shown !== undefined) console.log(shown);
}
child.stdout.on("data", (chunk) => {
  buffer += chunk.toString();
  const lines = buffer.split("\n");
  buffer = lines.pop() ?? "";
  for (const line of lines) show(line);
});
child.stderr.pipe(process.stderr);
const code = await new Promise((resolve) => child.on("close", resolve));
if (buffer) show(buffer);
await emu.close();

const outputs = parseFileCommands(readFileSync(files.GITHUB_OUTPUT, "utf8"));
console.log(
  `\n${bold("Step result:")} ${code === 0 ? green("succeeded") : red(`failed (exit code ${code})`)}`,
);
console.log(bold("Outputs:"));
const width = Math.max(...Object.keys(outputs).map((k) => k.length));
for (const [name, value] of Object.entries(outputs)) {
  const shown = value.length > 100 ? `${value.slice(0, 97)}…` : value;
  console.log(`  ${name.padEnd(width)}  ${shown}`);
}
const summary = readFileSync(files.GITHUB_STEP_SUMMARY, "utf8");
if (!flags["no-summary"] && summary) {
  // The Markdown as GitHub would render it, minus the chart (a Gantt diagram on GitHub).
  const shown = summary.replace(/```mermaid[\s\S]*?```/g, (block) => {
    const bars = block.split("\n").filter((l) => /:\s*(crit, |active, )?\d+, \d+$/.test(l)).length;
    return dim(`[Mermaid Gantt chart: ${bars} nodes by thread]`);
  });
  const rule = dim("─".repeat(60));
  console.log(`\n${bold("Job summary")} ${dim("(Markdown)")}\n${rule}\n${shown.trim()}\n${rule}`);
}
console.log(
  `\n${bold("Job summary:")} ${files.GITHUB_STEP_SUMMARY} ${dim(`(${summary.length} characters of Markdown)`)}`,
);
if (outputs["artifacts-dir"]) {
  console.log(`${bold("Artifacts:")}   ${join(workspace, outputs["artifacts-dir"])}`);
}
console.log(
  dim(
    `\nTry ${fail ? "pnpm demo" : "pnpm demo -- --fail"} next, or view the summary: cat ${files.GITHUB_STEP_SUMMARY}`,
  ),
);
if (code !== 0)
  console.log(dim(`The demo exits with the step's exit code (${code}), as a failing workflow step would.`));
process.exitCode = code ?? 1;
