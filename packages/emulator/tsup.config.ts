import { defineConfig } from "tsup";
import { libraryBuild } from "../../tsup.shared.js";

// @dbt-cloud-kit/client and @dbt-cloud-kit/assets stay external (they are dependencies): the package ships
// its own code only, and users get one copy of the client and assets they may also import themselves.
export default defineConfig(
  libraryBuild({
    entry: ["src/index.ts", "src/cli.ts"],
    dts: { entry: "src/index.ts" },
  }),
);
