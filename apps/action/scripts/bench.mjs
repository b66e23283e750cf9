// Bench: time from process start to the action's first API request, beside a bare `node -e ''` start
// measured in the same run, and the bundle size. Prints figures and ratios; asserts nothing.
import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

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
