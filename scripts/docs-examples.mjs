#!/usr/bin/env node
// Regenerates docs/job-summary-example.md: runs the committed action bundle against the emulator on a failing
// pull request run (docs/test/render-job-summary-example.ts) and writes the job summary and PR comment it
// produced. The same test, without DOCS_EXAMPLES_UPDATE, fails when the committed page is stale.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const result = spawnSync(
  "pnpm",
  ["exec", "vitest", "run", "--project", "docs", "docs/test/job-summary-example.test.ts"],
  { cwd: root, stdio: "inherit", env: { ...process.env, DOCS_EXAMPLES_UPDATE: "1" } },
);
if (result.status === 0) console.log("wrote docs/job-summary-example.md");
process.exitCode = result.status ?? 1;
