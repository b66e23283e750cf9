import { readFile } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { CliContext } from "../context/cli-context.js";
import { TOKEN_ON_COMMAND_LINE } from "../credentials/read-token.js";
import { CliUsageError } from "../errors/cli-errors.js";
import { EXIT } from "../errors/exit-codes.js";
import { OptionReader } from "../options/option-reader.js";
import { buildSensor, readSensorSettings, reportTick, type SensorOptions } from "./sensor-setup.js";

interface ServeOptions extends SensorOptions {
  port?: string;
  host?: string;
  secretFile?: string;
  secret?: string;
  poll?: boolean;
}

/**
 * `sensor serve`: @dbt-cloud-kit/sensor's webhook endpoint (createWebhookHandler: verify, acknowledge at
 * once, process after) and, unless --no-poll, its polling loop on the same cursor file, until interrupted.
 */
export async function handler(ctx: CliContext, _args: string[], options: ServeOptions): Promise<number> {
  if (options.secret !== undefined) {
    throw new CliUsageError([
      {
        source: "--secret",
        ...TOKEN_ON_COMMAND_LINE,
        fix: "export DBT_CLOUD_WEBHOOK_SECRET, or pass --secret-file FILE (- for stdin)",
      },
    ]);
  }
  const reader = new OptionReader(options, ctx.env);
  const settings = readSensorSettings(reader, options);
  const port = options.port ?? "8080";
  if (!/^\d{1,5}$/.test(port) || Number(port) > 65535) {
    reader.add({
      source: "--port",
      problem: `"${port.slice(0, 20)}" is not a port number`,
      fix: "use 1-65535 (or 0 for any free port)",
    });
  }
  const secret = await readSecret(ctx, options.secretFile);
  if (secret === "") {
    reader.add({
      source: options.secretFile !== undefined ? "--secret-file" : "DBT_CLOUD_WEBHOOK_SECRET",
      problem: options.secretFile !== undefined ? "is empty" : "is not set",
      fix: "use the secret dbt Cloud shows when the webhook is created (Account settings → Webhooks)",
    });
  }
  reader.done();
  const sensor = await buildSensor(ctx, settings);
  const { FileCursorStore, createWebhookHandler } = await import("@dbt-cloud-kit/sensor");
  const store = new FileCursorStore(settings.cursorFile);
  const webhook = createWebhookHandler({
    secret,
    sensor,
    store,
    onTick: (r) => reportTick(ctx, r),
    logger: ctx.logger,
    signal: ctx.signal,
  });
  const server = createServer(webhook);
  await new Promise<void>((resolve, reject) => {
    server.once("error", (error) =>
      reject(
        new CliUsageError(
          [
            {
              source: "--port",
              problem: `cannot listen on ${options.host ?? "127.0.0.1"}:${port} (${error.message})`,
              fix: "choose a free port",
            },
          ],
          { cause: error },
        ),
      ),
    );
    server.listen(Number(port), options.host ?? "127.0.0.1", () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === "IPv6" ? `[${address.address}]` : address.address;
  ctx.info(`Webhook endpoint for ${sensor.name} on http://${host}:${address.port}/ (Ctrl-C to stop).`);
  const polling =
    options.poll === false
      ? new Promise<void>((resolve) => ctx.signal.addEventListener("abort", () => resolve(), { once: true }))
      : sensor.run({
          store,
          signal: ctx.signal,
          onTick: (r) => reportTick(ctx, r),
          ...(settings.budgetMs !== undefined ? { budgetMs: settings.budgetMs } : {}),
        });
  await polling;
  await new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
  await webhook.drain();
  ctx.info("Webhook endpoint stopped.");
  return EXIT.success;
}

async function readSecret(ctx: CliContext, secretFile: string | undefined): Promise<string> {
  if (secretFile === undefined) return ctx.env.DBT_CLOUD_WEBHOOK_SECRET?.trim() ?? "";
  try {
    if (secretFile === "-") {
      const chunks: Buffer[] = [];
      for await (const chunk of ctx.stdin)
        chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : (chunk as Buffer));
      return Buffer.concat(chunks).toString("utf8").trim();
    }
    return (await readFile(secretFile, "utf8")).trim();
  } catch (error) {
    throw new CliUsageError(
      [
        {
          source: "--secret-file",
          problem: `cannot read ${JSON.stringify(secretFile)} (${(error as NodeJS.ErrnoException).code ?? "error"})`,
          fix: "give the path of a file that holds only the secret",
        },
      ],
      { cause: error },
    );
  }
}
