import { defineConfig } from "tsup";

/**
 * `pnpm emulator`: builds only the bin, with the workspace packages bundled from `src/` so it starts in
 * seconds without building them. It writes to `.start/`, never to `dist/`, so it cannot change what
 * `pnpm build` packs.
 */
export default defineConfig({
  entry: ["src/cli.ts"],
  outDir: ".start",
  format: ["esm"],
  target: "node20",
  clean: true,
  silent: true,
  sourcemap: true,
  noExternal: [/^@dbt-cloud-kit\//],
  esbuildOptions(options) {
    options.conditions = ["@dbt-cloud-kit/source"];
  },
});
