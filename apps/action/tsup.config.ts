import { createRequire } from "node:module";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig } from "tsup";

// @actions/core pulls in undici 6 through @actions/http-client (only for OIDC tokens, which the action never
// requests); the client already bundles undici 7. One copy (7, API-compatible for http-client's ProxyAgent use)
// keeps the bundle ~400 KB smaller.
const clientRequire = createRequire(
  fileURLToPath(new URL("../../packages/client/package.json", import.meta.url)),
);
const undici7 = dirname(clientRequire.resolve("undici/package.json"));

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
    options.alias = { undici: undici7 };
  },
});
