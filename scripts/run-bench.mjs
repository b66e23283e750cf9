// Bundles a package's bench/main.ts (sources read through the workspace's source condition) into a temp dir
// and runs it with --expose-gc, so a bench works on plain Node 20 without a TypeScript loader.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "tsup";

/**
 * `benchDir`: the URL of the package's bench/ folder. `bundleAll`: bundle every dependency (needed when
 * main.ts also forks itself from the temp dir, which has no node_modules); otherwise only workspace packages.
 */
export async function runBench(benchDir, { bundleAll = false } = {}) {
  const outDir = mkdtempSync(join(tmpdir(), "dbt-cloud-kit-bench-build-"));
  try {
    await build({
      entry: { main: fileURLToPath(new URL("./main.ts", benchDir)) },
      outDir,
      format: ["esm"],
      platform: "node",
      target: "node20",
      config: false,
      silent: true,
      noExternal: bundleAll ? [/.*/] : [/^@dbt-cloud-kit\//],
      ...(bundleAll
        ? {
            banner: {
              js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
            },
          }
        : {}),
      esbuildOptions(options) {
        options.conditions = ["@dbt-cloud-kit/source"];
      },
    });
    const result = spawnSync(
      process.execPath,
      [
        "--expose-gc",
        "--max-old-space-size=8192",
        ...(process.env.BENCH_NODE_OPTIONS ?? "").split(" ").filter(Boolean),
        join(outDir, "main.js"),
        ...process.argv.slice(2),
      ],
      { stdio: "inherit" },
    );
    process.exitCode = result.status ?? 1;
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}
