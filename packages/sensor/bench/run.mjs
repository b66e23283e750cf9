// Bundles bench/main.ts (sources read through the workspace's source condition) into a temp dir and
// runs it with --expose-gc, so the bench works on plain Node 20 without a TypeScript loader.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "tsup";

const outDir = mkdtempSync(join(tmpdir(), "dbt-cloud-kit-bench-build-"));
try {
  await build({
    entry: { main: fileURLToPath(new URL("./main.ts", import.meta.url)) },
    outDir,
    format: ["esm"],
    platform: "node",
    target: "node20",
    config: false,
    silent: true,
    // Bundled whole (undici, zod, tsup's own deps): the temp dir has no node_modules to resolve from.
    noExternal: [/.*/],
    banner: {
      js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
    },
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
