import { dirname, resolve } from "node:path";
import type { CliContext } from "../context/cli-context.js";
import { CliUsageError } from "../errors/cli-errors.js";
import { EXIT } from "../errors/exit-codes.js";
import { OptionReader } from "../options/option-reader.js";
import { writeJsonLine } from "../output/json-output.js";

interface EmulatorOptions {
  port?: string;
  host?: string;
  config?: string;
  speed?: string;
  virtualClock?: boolean;
}

/** `emulator`: starts @dbt-cloud-kit/emulator and serves until interrupted (a normal end: exit 0). */
export async function handler(ctx: CliContext, _args: string[], options: EmulatorOptions): Promise<number> {
  const reader = new OptionReader(options, ctx.env);
  if (options.port !== undefined && (!/^\d{1,5}$/.test(options.port) || Number(options.port) > 65535)) {
    reader.add({
      source: "--port",
      problem: `"${options.port.slice(0, 20)}" is not a port number`,
      fix: "use 0 for any free port, or 1-65535",
    });
  }
  const speed = options.speed === undefined ? undefined : Number(options.speed);
  if (speed !== undefined && (!Number.isFinite(speed) || speed <= 0)) {
    reader.add({
      source: "--speed",
      problem: `"${String(options.speed).slice(0, 20)}" is not a positive number`,
      fix: "use e.g. --speed 60",
    });
  }
  reader.done();
  const { EmulatorConfigError, loadEmulatorConfigFile, startEmulator } = await import(
    "@dbt-cloud-kit/emulator"
  );
  const configPath = options.config ? resolve(options.config) : undefined;
  let emulator: Awaited<ReturnType<typeof startEmulator>>;
  try {
    const fileConfig = (configPath ? await loadEmulatorConfigFile(configPath) : {}) as Record<
      string,
      unknown
    >;
    const config: Record<string, unknown> = { ...fileConfig };
    if (options.port !== undefined) config.port = Number(options.port);
    if (options.host !== undefined) config.host = options.host;
    if (speed !== undefined || options.virtualClock) {
      const clock = { ...((fileConfig.clock as Record<string, unknown> | undefined) ?? {}) };
      if (speed !== undefined) clock.speed = speed;
      if (options.virtualClock) clock.mode = "virtual";
      config.clock = clock;
    }
    emulator = await startEmulator({
      ...config,
      baseDir: configPath ? dirname(configPath) : process.cwd(),
      signal: ctx.signal,
    });
  } catch (error) {
    if (error instanceof EmulatorConfigError) {
      throw new CliUsageError(
        error.problems.map((p) => ({
          source: options.config ? "--config" : "emulator",
          problem: p,
          fix: "see the emulator's README",
        })),
        { cause: error },
      );
    }
    throw error;
  }
  const jobs = emulator.jobs.list().map((j) => ({
    id: j.id,
    name: j.name,
    jobType: j.jobType,
    accountId: j.accountId,
    projectId: j.projectId,
    environmentId: j.environmentId,
  }));
  if (ctx.json) {
    writeJsonLine(ctx.stdout, {
      url: emulator.url,
      accountId: emulator.accountId,
      token: emulator.token,
      accounts: emulator.accounts,
      jobs,
    });
  } else {
    const lines = [
      "dbt Cloud emulator is running",
      `  base URL:   ${emulator.url}`,
      ...emulator.accounts.map((a) => `  account:    ${a.id} (${a.name})  token: ${a.token}`),
      "  jobs:",
      ...jobs.map((j) => `    ${j.id}  ${j.name}  [${j.jobType}, account ${j.accountId}]`),
      "",
      `  export DBT_CLOUD_ACCESS_URL=${emulator.url} DBT_CLOUD_ACCOUNT_ID=${emulator.accountId} DBT_CLOUD_API_TOKEN=${emulator.token}`,
      "  Press Ctrl-C to stop.",
    ];
    ctx.out.text(lines.join("\n"));
  }
  await new Promise<void>((done) => {
    if (ctx.signal.aborted) done();
    else ctx.signal.addEventListener("abort", () => done(), { once: true });
  });
  await emulator.close();
  ctx.info("Emulator stopped.");
  return EXIT.success;
}
