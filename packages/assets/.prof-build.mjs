import { build } from "tsup";
const [entry, out] = process.argv.slice(2);
await build({ entry: { main: entry }, outDir: out, format: ["esm"], platform: "node", target: "node20", config: false, silent: true,
  noExternal: [/^@dbt-cloud-kit\//], esbuildOptions(o) { o.conditions = ["@dbt-cloud-kit/source"]; } });
