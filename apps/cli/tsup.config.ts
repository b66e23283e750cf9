import { defineConfig } from "tsup";

/**
 * bin.js plus one chunk per command handler (loaded with import() when its command runs), so `--help`
 * parses only the program definition and commander. Published @dbt-cloud-kit packages, commander and zod
 * stay dependencies (not bundled): one copy of each in a user's node_modules. The private app-kit is bundled.
 */
export default defineConfig({
  entry: { bin: "src/bin.ts" },
  format: ["esm"],
  target: "node20",
  platform: "node",
  outDir: "dist",
  splitting: true,
  treeshake: true,
  minify: false,
  sourcemap: false,
  clean: true,
  dts: false,
  // app-kit is private (code the action and the CLI share): bundled, read from its sources.
  noExternal: ["@dbt-cloud-kit/app-kit"],
  esbuildOptions(options) {
    options.conditions = ["@dbt-cloud-kit/source"];
    options.legalComments = "none";
  },
});
