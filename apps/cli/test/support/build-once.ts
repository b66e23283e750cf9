import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../../../../", import.meta.url));

/**
 * The end-to-end tests run the built bin, which imports the built workspace packages: build the CLI and
 * what it depends on once (turbo's cache makes this a no-op when nothing changed).
 */
export default function setup(): void {
  execFileSync(
    "pnpm",
    ["exec", "turbo", "run", "build", "--filter=@dbt-cloud-kit/cli...", "--output-logs=errors-only"],
    {
      cwd: root,
      stdio: ["ignore", "ignore", "inherit"],
      env: { ...process.env, TURBO_TELEMETRY_DISABLED: "1" },
    },
  );
}
