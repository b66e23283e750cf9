// Bench: time from process start to the action's first API request, beside a bare `node -e ''` start
// measured in the same run, and the bundle size. Prints figures and ratios; asserts nothing.
import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath, pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";
import { build } from "tsup";

const dist = fileURLToPath(new URL("../dist/", import.meta.url));
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 15);

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
};

function bareStart() {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, ["-e", ""], { stdio: "ignore" });
    child.on("exit", () => resolve(performance.now() - t0));
  });
}

/** A loopback server that notes when the first request arrives, then the child is stopped. */
async function firstRequest() {
  let resolveHit;
  const hit = new Promise((r) => {
    resolveHit = r;
  });
  const server = createServer((_req, res) => {
    resolveHit(performance.now());
    res.writeHead(503, { "content-type": "application/json" });
    res.end("{}");
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address();
  const workspace = mkdtempSync(join(tmpdir(), "dbt-action-bench-"));
  for (const f of ["output", "state", "summary"]) writeFileSync(join(workspace, f), "");
  const t0 = performance.now();
  const child = spawn(process.execPath, [join(dist, "main.js")], {
    cwd: workspace,
    stdio: ["ignore", "ignore", "pipe"],
    env: {
      PATH: process.env.PATH,
      "INPUT_API-TOKEN": "bench-token-0000",
      "INPUT_ACCOUNT-ID": "1",
      "INPUT_ACCESS-URL": `http://127.0.0.1:${port}`,
      "INPUT_JOB-ID": "1",
      GITHUB_OUTPUT: join(workspace, "output"),
      GITHUB_STATE: join(workspace, "state"),
      GITHUB_STEP_SUMMARY: join(workspace, "summary"),
    },
  });
  let stderr = "";
  child.stderr.on("data", (c) => {
    stderr += c;
  });
  const exited = new Promise((r) => child.on("exit", r));
  const t1 = await Promise.race([
    hit,
    exited.then(() => {
      throw new Error(`the action exited before its first request: ${stderr}`);
    }),
    new Promise((_, reject) => setTimeout(() => reject(new Error("no request within 30 s")), 30_000).unref()),
  ]);
  child.kill("SIGKILL");
  await exited;
  server.close();
  return t1 - t0;
}

const bare = [];
const action = [];
await bareStart(); // warm the file cache
await firstRequest();
for (let i = 0; i < ROUNDS; i++) {
  bare.push(await bareStart());
  action.push(await firstRequest());
}
const bareMs = median(bare);
const actionMs = median(action);
const kb = (n) => `${(n / 1024).toFixed(1)} KiB`;
/** An entry plus the chunks it imports statically: what Node parses before the action's first line runs. */
function startupFiles(entry, seen = new Set()) {
  if (seen.has(entry)) return seen;
  seen.add(entry);
  const text = readFileSync(join(dist, entry), "utf8");
  for (const m of text.matchAll(/(?:import|export)\s*(?:[^'"();]*?from\s*)?['"]\.\/([^'"]+)['"]/g))
    startupFiles(m[1], seen);
  return seen;
}
const bytes = (files) => [...files].reduce((sum, f) => sum + statSync(join(dist, f)).size, 0);
const gz = (files) => [...files].reduce((sum, f) => sum + gzipSync(readFileSync(join(dist, f))).length, 0);
const all = readdirSync(dist).filter((f) => f.endsWith(".js"));

console.log(`action bench (${ROUNDS} rounds, medians, Node ${process.version})`);
console.log(`  bare node -e '' start to exit      ${bareMs.toFixed(1)} ms`);
console.log(`  action start to first API request  ${actionMs.toFixed(1)} ms`);
console.log(
  `  overhead above bare node           ${(actionMs - bareMs).toFixed(1)} ms (target < 150 ms), ratio ${(actionMs / bareMs).toFixed(2)}x`,
);
for (const entry of ["main.js", "post.js"]) {
  const files = startupFiles(entry);
  console.log(
    `  ${entry} as loaded at start        ${kb(bytes(files))} (${kb(gz(files))} gzip, ${files.size} files)`,
  );
}
console.log(`  whole dist/ (incl. lazy undici)    ${kb(bytes(all))} (${kb(gz(all))} gzip), target < 1.5 MB`);

// Trailing-blank trimming of step logs: app-kit's tailLines (bundled from source) against the regex it
// replaced, `text.replace(/\s+$/, "")`, which retries from every start of a blank run (quadratic).
const tailOut = mkdtempSync(join(tmpdir(), "dbt-action-bench-tail-"));
try {
  await build({
    entry: {
      tail: fileURLToPath(new URL("../../../packages/app-kit/src/logs/tail-lines.ts", import.meta.url)),
    },
    outDir: tailOut,
    format: ["esm"],
    platform: "node",
    target: "node20",
    config: false,
    silent: true,
  });
  const { tailLines } = await import(pathToFileURL(join(tailOut, "tail.js")).href);
  const previous = (text) => text.replace(/\s+$/, "").split("\n").slice(-400).join("\n");
  // A log of blank lines (spaces and tabs) with one last line of text, then trailing blanks.
  const blankLog = (bytes) => `${" \t  \n".repeat(Math.floor(bytes / 5))}Done.\n  \n`;
  const time = (fn, rounds) => {
    const xs = [];
    for (let i = 0; i < rounds; i++) {
      const t0 = performance.now();
      fn();
      xs.push(performance.now() - t0);
    }
    return median(xs);
  };
  const mib = blankLog(1024 * 1024);
  const newMib = time(() => tailLines(mib, 400), 7);
  const small = blankLog(16 * 1024);
  const large = blankLog(32 * 1024);
  const newLarge = time(() => tailLines(large, 400), 7);
  const oldSmall = time(() => previous(small), 3);
  const oldLarge = time(() => previous(large), 3);
  const growth = oldLarge / oldSmall;
  const oldMibSeconds = (oldLarge * (1024 / 32) ** Math.log2(growth)) / 1000;
  console.log(`  trim 1 MiB of blank step logs        ${newMib.toFixed(1)} ms (target < 50 ms), tailLines`);
  console.log(
    `  same at 32 KiB, side by side         tailLines ${newLarge.toFixed(2)} ms, previous /\\s+$/ ${oldLarge.toFixed(0)} ms (${(oldLarge / newLarge).toFixed(0)}x)`,
  );
  console.log(
    `  previous /\\s+$/ growth 16 -> 32 KiB   ${growth.toFixed(1)}x per doubling, so about ${oldMibSeconds.toFixed(0)} s at 1 MiB`,
  );
} finally {
  rmSync(tailOut, { recursive: true, force: true });
}
