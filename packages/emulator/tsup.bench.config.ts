import { defineConfig } from "tsup";

/** Builds the bench to a scratch directory (Node 20 cannot run TypeScript directly). */
export default defineConfig({
  entry: { "emulator-bench": "bench/emulator-bench.ts" },
  outDir: ".bench-build",
  format: ["esm"],
  target: "node20",
  clean: true,
  silent: true,
  noExternal: [/^@dbt-cloud-kit\//],
  esbuildOptions(options) {
    options.conditions = ["@dbt-cloud-kit/source"];
  },
});
