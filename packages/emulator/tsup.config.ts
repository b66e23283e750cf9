import { defineConfig } from "tsup";

export default defineConfig({
  entry: ["src/index.ts", "src/cli.ts"],
  format: ["esm"],
  target: "node20",
  dts: { entry: "src/index.ts" },
  clean: true,
  sourcemap: true,
  // Workspace packages are bundled so dist/cli.js runs without building them first.
  noExternal: [/^@dbt-cloud-kit\//],
  esbuildOptions(options) {
    options.conditions = ["@dbt-cloud-kit/source"];
  },
});
