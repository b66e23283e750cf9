#!/usr/bin/env node
import { dirname, resolve } from "node:path";
import { parseArgs } from "node:util";
import { loadEmulatorConfigFile } from "./config/parse-config.js";
import { EmulatorConfigError } from "./errors.js";
import { type Emulator, startEmulator } from "./start-emulator.js";

const USAGE = `Usage: dbt-cloud-emulator [--port 0] [--host 127.0.0.1] [--config file.json] [--speed 1] [--virtual-clock]

Starts the dbt Cloud API emulator on loopback and prints its base URL, account id, token and job ids.
Runs until interrupted (Ctrl-C / SIGTERM).`;

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}

async function main(): Promise<void> {
  let values: {
    port?: string;
    host?: string;
    config?: string;
    speed?: string;
    "virtual-clock"?: boolean;
    help?: boolean;
  };
  try {
    // `pnpm emulator -- --port 0` forwards the "--" separator itself.
    const args = process.argv.slice(2);
    if (args[0] === "--") args.shift();
    ({ values } = parseArgs({
      args,
      options: {
        port: { type: "string" },
        host: { type: "string" },
        config: { type: "string" },
        speed: { type: "string" },
        "virtual-clock": { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
      strict: true,
    }));
  } catch (error) {
    fail(`${(error as Error).message}\n\n${USAGE}`);
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  // Ctrl-C is handled from here on, before anything slow and before the banner tells anyone to press it.
  let emulator: Emulator | undefined;
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`\n${signal} received, stopping the emulator\n`);
    if (emulator) closeAndExit(emulator);
  };
  // `on`, not `once`: Ctrl-C under `pnpm run` delivers SIGINT twice (the terminal's, then pnpm forwards its
  // own), and a second default-handled SIGINT would kill the process while it closes.
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));

  const configPath = values.config ? resolve(values.config) : undefined;
  const fileConfig = (configPath ? await loadEmulatorConfigFile(configPath) : {}) as Record<string, unknown>;
  const config: Record<string, unknown> = { ...fileConfig };
  if (values.port !== undefined) {
    if (!/^\d+$/.test(values.port))
      fail(`--port: "${values.port}" is not a port number. Use 0 for any free port, or 1-65535.`);
    config.port = Number(values.port);
  }
  if (values.host !== undefined) config.host = values.host;
  if (values.speed !== undefined || values["virtual-clock"]) {
    const clock = { ...((fileConfig.clock as Record<string, unknown> | undefined) ?? {}) };
    if (values.speed !== undefined) {
      const speed = Number(values.speed);
      if (!Number.isFinite(speed) || speed <= 0)
        fail(`--speed: "${values.speed}" is not a positive number. Use e.g. --speed 60.`);
      clock.speed = speed;
    }
    if (values["virtual-clock"]) clock.mode = "virtual";
    config.clock = clock;
  }
  emulator = await startEmulator({
    ...(config as object),
    baseDir: configPath ? dirname(configPath) : process.cwd(),
  });
  if (stopping) {
    closeAndExit(emulator);
    return;
  }
  const lines = [
    "dbt Cloud emulator is running",
    `  base URL:   ${emulator.url}`,
    ...emulator.accounts.map((a) => `  account:    ${a.id} (${a.name})  token: ${a.token}`),
    "  jobs:",
    ...emulator.jobs.list().map((j) => `    ${j.id}  ${j.name}  [${j.jobType}, account ${j.accountId}]`),
    "",
    `  export DBT_CLOUD_ACCESS_URL=${emulator.url} DBT_CLOUD_ACCOUNT_ID=${emulator.accountId} DBT_CLOUD_API_TOKEN=${emulator.token}`,
    "  Press Ctrl-C to stop.",
  ];
  process.stdout.write(`${lines.join("\n")}\n`);
}

/**
 * Closes the emulator, then ends the process with `process.exit`. Not by letting the event loop drain: that
 * closes the signal handles first and resets SIGINT to its default for the last moments of the process, and
 * the SIGINT pnpm forwards a moment after the terminal's can land there and kill it (pnpm then prints
 * ELIFECYCLE and dies of SIGINT itself). With `process.exit` the handler stays installed until the end.
 */
function closeAndExit(emulator: Emulator): void {
  emulator.close().then(
    () => process.exit(0),
    (error: unknown) => {
      process.stderr.write(`error while stopping: ${(error as Error).message}\n`);
      process.exit(1);
    },
  );
}

main().catch((error: unknown) => {
  if (error instanceof EmulatorConfigError) fail(error.message);
  fail(`dbt-cloud-emulator: ${(error as Error).stack ?? String(error)}`);
});
