import { defineConfig } from "tsup";
import { libraryBuild } from "../../tsup.shared.js";

export default defineConfig(
  libraryBuild({
    entry: ["src/index.ts", "src/cli.ts"],
    dts: { entry: "src/index.ts" },
    // Workspace packages are bundled so dist/cli.js runs without building them first.
    noExternal: [/^@dbt-cloud-kit\//],
  }),
);
