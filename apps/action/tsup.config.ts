import { defineConfig } from "tsup";

// One self-contained ESM file per entry, committed in dist/ and run by the runner's node24.
export default defineConfig({
  entry: { main: "src/index.ts", post: "src/post-index.ts" },
  format: ["esm"],
  target: "node20",
  platform: "node",
  outDir: "dist",
  bundle: true,
  noExternal: [/.*/],
  splitting: false,
  minify: true,
  sourcemap: false,
  clean: true,
  dts: false,
  treeshake: true,
  outExtension: () => ({ js: ".js" }),
  banner: {
    js: "import { createRequire as __dbtCloudKitCreateRequire } from 'node:module'; const require = __dbtCloudKitCreateRequire(import.meta.url);",
  },
  esbuildOptions(options) {
    options.conditions = ["@dbt-cloud-kit/source"];
    options.legalComments = "none";
  },
});
