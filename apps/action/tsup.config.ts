import { createRequire } from "node:module";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig } from "tsup";
import { appBanner, zodEnglishOnly } from "../../tsup.shared.js";
import { githubContextModule } from "./github-context-path.js";

// `undici` resolves to app-kit's src/bundle/lazy-undici.ts (the CLI's stand-in too), which loads the real undici 7 (a devDependency here, the
// client's version) from its own chunk only when a proxy dispatcher is built. @actions/core's
// @actions/http-client (undici 6, only used for OIDC tokens, which the action never requests) gets the same
// stand-in, so the bundle carries one undici instead of two.
const undici7 = dirname(createRequire(import.meta.url).resolve("undici/package.json"));

// ESM for the runner's node24 (target node20): dist/main.js and dist/post.js plus content-hashed chunks,
// all committed; the build is deterministic.
export default defineConfig({
  entry: { main: "src/index.ts", post: "src/post-index.ts" },
  format: ["esm"],
  target: "node20",
  platform: "node",
  outDir: "dist",
  bundle: true,
  noExternal: [/.*/],
  // Chunks: code shared by main and post, and undici on its own (loaded only behind a proxy).
  splitting: true,
  minify: true,
  sourcemap: false,
  clean: true,
  dts: false,
  treeshake: true,
  outExtension: () => ({ js: ".js" }),
  banner: appBanner,
  esbuildPlugins: [zodEnglishOnly],
  esbuildOptions(options) {
    options.conditions = ["@dbt-cloud-kit/source"];
    options.legalComments = "none";
    options.alias = {
      undici: fileURLToPath(new URL("../../packages/app-kit/src/bundle/lazy-undici.ts", import.meta.url)),
      "dbt-cloud-kit-real-undici": undici7,
      "dbt-cloud-kit-github-context": githubContextModule,
    };
  },
});
