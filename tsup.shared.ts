import { join } from "node:path";
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

type EsbuildPlugin = NonNullable<Options["esbuildPlugins"]>[number];

/** Lets the bundled apps' ESM output call `require` (some bundled CommonJS dependencies do). */
export const appBanner = {
  js: "import { createRequire as __dbtCloudKitCreateRequire } from 'node:module'; const require = __dbtCloudKitCreateRequire(import.meta.url);",
};

/**
 * For the bundled apps: zod's `locales/index.js` becomes a module exporting `en` alone. zod's error messages
 * use `en`, which zod imports directly; the `z.locales` namespace would otherwise pull ~40 translations
 * (~260 KB) into the start-up chunk although nothing calls them.
 */
export const zodEnglishOnly: EsbuildPlugin = {
  name: "zod-english-only",
  setup(build) {
    // The module's path is a fixed name, not the checkout's absolute path: chunk hashes stay the same in
    // every clone (the committed dist is compared with a fresh build).
    build.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      /[\\/]zod[\\/]/.test(args.importer)
        ? {
            path: "zod/locales/index.js",
            namespace: "zod-english-only",
            pluginData: { localesDir: join(args.resolveDir, "..", "locales") },
          }
        : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: "zod-english-only" }, (args) => ({
      contents: 'export { default as en } from "./en.js";',
      resolveDir: (args.pluginData as { localesDir: string }).localesDir,
      loader: "js",
    }));
  },
};
