import { fileURLToPath } from "node:url";
import { defineConfig } from "tsup";
import { appBanner, zodEnglishOnly } from "../../tsup.shared.js";

// `undici` inside the bundled client resolves to app-kit's src/bundle/lazy-undici.ts (the action's stand-in
// too), which imports the real undici (a dependency, left external) only when a proxy dispatcher is built
// (see the lazy-undici plugin).
const lazyUndici = fileURLToPath(
  new URL("../../packages/app-kit/src/bundle/lazy-undici.ts", import.meta.url),
);
const sensorSetup = fileURLToPath(new URL("./src/handlers/sensor-setup.ts", import.meta.url));

/**
 * bin.js plus one chunk per command handler (loaded with import() when its command runs), so `--help`
 * parses only the program definition and commander, and `run` only what it uses. The code on the start
 * path — commander, zod, credentials, client, app-kit — is bundled (tree-shaken, zod English-only, undici
 * lazy); assets and the emulator, needed only after a run ends or by `emulator`, stay dependencies, as does
 * undici for proxies.
 */
export default defineConfig({
  entry: { bin: "src/bin.ts" },
  format: ["esm"],
  target: "node20",
  platform: "node",
  outDir: "dist",
  splitting: true,
  treeshake: true,
  minify: true,
  sourcemap: false,
  clean: true,
  dts: false,
  noExternal: [
    "@dbt-cloud-kit/app-kit",
    "@dbt-cloud-kit/client",
    "@dbt-cloud-kit/credentials",
    "commander",
    "zod",
    "undici",
  ],
  external: ["@dbt-cloud-kit/assets", "@dbt-cloud-kit/emulator", "@dbt-cloud-kit/sensor"],
  banner: appBanner,
  esbuildPlugins: [
    zodEnglishOnly,
    {
      name: "sensor-client",
      setup(build) {
        // The sensor command builds its workspace from the published client @dbt-cloud-kit/sensor itself
        // imports (the sensor tells errors apart by class), not from the bundled copy.
        build.onResolve({ filter: /^@dbt-cloud-kit\/client$/ }, (args) =>
          args.importer === sensorSetup ? { path: "@dbt-cloud-kit/client", external: true } : undefined,
        );
      },
    },
    {
      name: "lazy-undici",
      setup(build) {
        // The stand-in's own import of the real undici is the dependency, left external; every other
        // import of undici is the stand-in.
        build.onResolve({ filter: /^dbt-cloud-kit-real-undici$/ }, () => ({
          path: "undici",
          external: true,
        }));
        build.onResolve({ filter: /^undici$/ }, () => ({ path: lazyUndici }));
      },
    },
  ],
  esbuildOptions(options) {
    options.conditions = ["@dbt-cloud-kit/source"];
    options.legalComments = "none";
  },
});
