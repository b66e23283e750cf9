#!/usr/bin/env node
// The whole test suite: lint, typecheck and build every package (the action bundle included), the release
// checks (README tables, workflow lint, packaging rules + publint + attw), then every vitest project.
// Ends with one plain line `N passed, N failed, N skipped` for CI; each failed check counts as one failure.
import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const env = {
  ...process.env,
  TURBO_TELEMETRY_DISABLED: "1",
  FORCE_COLOR: process.env.FORCE_COLOR ?? "0",
  npm_config_update_notifier: "false",
};
const extraArgs = process.argv.slice(2);

function run(command, args) {
  console.log(`\n$ ${command} ${args.join(" ")}`);
  return spawnSync(command, args, { stdio: "inherit", env, shell: false }).status ?? 1;
}

const failedChecks = [];
function check(name, command, args) {
  if (run(command, args) !== 0) failedChecks.push(name);
}

if (!extraArgs.includes("--no-checks")) {
  check("biome", "pnpm", ["exec", "biome", "check", "."]);
  check("typecheck and build", "pnpm", [
    "exec",
    "turbo",
    "run",
    "typecheck",
    "build",
    "--output-logs=errors-only",
  ]);
  check("typecheck (root scripts and tests)", "pnpm", ["exec", "tsc", "-p", "tsconfig.json"]);
  check("README action tables", "node", ["scripts/readme-action-tables.mjs", "--check"]);
  check("workflow lint", "node", ["scripts/lint-workflows.mjs"]);
  check("packages (rules, publint, attw)", "node", ["scripts/check-packages.mjs"]);
}

const outDir = join(".ci", "out");
mkdirSync(outDir, { recursive: true });
const reportPath = join(outDir, "vitest.json");
const vitestArgs = extraArgs.filter((a) => a !== "--no-checks");
/**
 * Runs vitest with its output passed through as it comes, watching for workflow commands (`::debug::`, …) at a
 * line start: code under test that writes them to the real stdout leaks runner noise into the test log.
 */
async function runVitest(args) {
  console.log(`\n$ pnpm ${args.join(" ")}`);
  const child = spawn("pnpm", args, { stdio: ["inherit", "pipe", "pipe"], env });
  const leaked = [];
  const watch = (stream, target) => {
    let partial = "";
    stream.on("data", (chunk) => {
      target.write(chunk);
      const lines = (partial + chunk.toString()).split(/\r?\n|\r/);
      partial = lines.pop() ?? "";
      for (const line of lines) if (/^\s*::[a-z-]+(?: [^:]*)?::/.test(line)) leaked.push(line);
    });
  };
  watch(child.stdout, process.stdout);
  watch(child.stderr, process.stderr);
  const status = await new Promise((resolve) => child.on("close", (code) => resolve(code ?? 1)));
  return { status, leaked };
}

const { status: vitestStatus, leaked } = await runVitest([
  "exec",
  "vitest",
  "run",
  "--reporter=default",
  "--reporter=json",
  `--outputFile.json=${reportPath}`,
  ...vitestArgs,
]);
if (leaked.length > 0) {
  failedChecks.push("workflow commands leaked into the test output");
  console.error(
    `\n${leaked.length} workflow command line(s) leaked into the test output (mock @actions/core's log functions):`,
  );
  for (const line of leaked.slice(0, 10)) console.error(`  ${line.slice(0, 160)}`);
}

let passed = 0;
let failed = 0;
let skipped = 0;
try {
  const report = JSON.parse(readFileSync(reportPath, "utf8"));
  passed = report.numPassedTests;
  failed = report.numFailedTests;
  skipped = report.numPendingTests + report.numTodoTests;
  // A test file that fails to load has no tests in it but still fails the run.
  const brokenFiles = report.testResults.filter(
    (f) => f.status === "failed" && f.assertionResults.length === 0,
  );
  failed += brokenFiles.length;
} catch (error) {
  console.error(`could not read the vitest report at ${reportPath}: ${error.message}`);
  failed += 1;
}
failed += failedChecks.length;
if (vitestStatus !== 0 && failed === 0) failed = 1;
writeFileSync(join(outDir, "counts.json"), JSON.stringify({ passed, failed, skipped }));
if (failedChecks.length > 0) console.error(`\nfailed checks: ${failedChecks.join(", ")}`);
console.log(`\n${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exitCode = failed === 0 && passed > 0 ? 0 : 1;
