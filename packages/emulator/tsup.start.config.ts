import { defineConfig } from "tsup";

/** `pnpm emulator`: rebuilds only the bin (no type declarations), so it starts in seconds. */
export default defineConfig({
  entry: ["src/cli.ts"],
  outDir: "dist",
  format: ["esm"],
  target: "node20",
  clean: false,
  silent: true,
  sourcemap: true,
  noExternal: [/^@dbt-cloud-kit\//],
  esbuildOptions(options) {
    options.conditions = ["@dbt-cloud-kit/source"];
  },
});
