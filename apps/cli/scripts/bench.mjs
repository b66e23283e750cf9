// Bench: start-up of `dbt-cloud-kit --help` (to exit) and of `run --no-wait` (to its first request at a
// loopback server), beside a bare `node -e ''` measured in the same run, rounds interleaved. Prints medians
// and ratios; asserts nothing.
import { spawn } from "node:child_process";
import { createServer } from "node:http";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";

const bin = fileURLToPath(new URL("../bin/dbt-cloud-kit.js", import.meta.url));
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 15);

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
};

function timeToExit(args) {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, args, { stdio: "ignore", env: { PATH: process.env.PATH } });
    child.on("error", reject);
    child.on("exit", () => resolve(performance.now() - t0));
  });
}

/** From spawn to the first request the CLI sends; the server answers 503 and the child is stopped. */
async function timeToFirstRequest() {
  let hit;
  const first = new Promise((r) => {
    hit = r;
  });
  const server = createServer((_req, res) => {
    hit(performance.now());
    res.writeHead(503, { "content-type": "application/json" });
    res.end("{}");
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address();
  const t0 = performance.now();
  const child = spawn(process.execPath, [bin, "run", "--job-id", "1", "--no-wait"], {
    stdio: "ignore",
    env: {
      PATH: process.env.PATH,
      DBT_CLOUD_API_TOKEN: "bench-token-0000",
      DBT_CLOUD_ACCOUNT_ID: "1",
      DBT_CLOUD_ACCESS_URL: `http://127.0.0.1:${port}`,
    },
  });
  const at = await first;
  child.kill("SIGKILL");
  await new Promise((r) => child.on("exit", r));
  await new Promise((r) => {
    server.close(r);
    server.closeAllConnections();
  });
  return at - t0;
}

const bare = [];
const help = [];
const run = [];
for (let i = 0; i < ROUNDS; i++) {
  bare.push(await timeToExit(["-e", ""]));
  help.push(await timeToExit([bin, "--help"]));
  run.push(await timeToFirstRequest());
}
const b = median(bare);
const line = (label, ms) =>
  `${label.padEnd(42)} ${ms.toFixed(1).padStart(7)} ms   ${(ms / b).toFixed(2)}× bare node (+${(ms - b).toFixed(1)} ms)`;
console.log(`dbt-cloud-kit start-up, median of ${ROUNDS} interleaved rounds (node ${process.version})`);
console.log(`${"node -e ''".padEnd(42)} ${b.toFixed(1).padStart(7)} ms   1.00×`);
console.log(line("dbt-cloud-kit --help (to exit)", median(help)));
console.log(line("dbt-cloud-kit run --no-wait (to 1st request)", median(run)));
