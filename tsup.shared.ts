import type { Options } from "tsup";

/** The build every library shares: ESM + d.ts for Node 20, workspace packages read from `src/`. */
export function libraryBuild(overrides: Options = {}): Options {
  return {
    entry: ["src/index.ts"],
    format: ["esm"],
    target: "node20",
    dts: true,
    clean: true,
    sourcemap: true,
    ...overrides,
    esbuildOptions(options, context) {
      options.conditions = ["@dbt-cloud-kit/source"];
      overrides.esbuildOptions?.(options, context);
    },
  };
}
