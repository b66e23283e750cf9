// Bench: time from process start to the action's first API request, beside a bare `node -e ''` start
// measured in the same run, and the bundle size. Prints figures and ratios; asserts nothing.
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
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
    stdio: "ignore",
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
  const t1 = await hit;
  child.kill("SIGKILL");
  await new Promise((r) => child.on("exit", r));
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
const size = (f) => statSync(join(dist, f)).size;
const gz = (f) => gzipSync(readFileSync(join(dist, f))).length;
const kb = (n) => `${(n / 1024).toFixed(1)} KiB`;

console.log(`action bench (${ROUNDS} rounds, medians, Node ${process.version})`);
console.log(`  bare node -e '' start to exit     ${bareMs.toFixed(1)} ms`);
console.log(`  action start to first API request ${actionMs.toFixed(1)} ms`);
console.log(
  `  overhead above bare node           ${(actionMs - bareMs).toFixed(1)} ms (target < 150 ms), ratio ${(actionMs / bareMs).toFixed(2)}x`,
);
console.log(
  `  dist/main.js                       ${kb(size("main.js"))} (${kb(gz("main.js"))} gzip), target < 1.5 MB`,
);
console.log(`  dist/post.js                       ${kb(size("post.js"))} (${kb(gz("post.js"))} gzip)`);
