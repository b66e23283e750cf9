import { readFile } from "node:fs/promises";
import type { GlobalOptions } from "../context/cli-context.js";
import { CliUsageError } from "../errors/cli-errors.js";

/** Where a token on the command line ends up, and what to do instead. */
export const TOKEN_ON_COMMAND_LINE = {
  problem:
    "a token on the command line is refused: it lands in your shell history and in the process list, where other users and tools can read it",
  fix: "set DBT_CLOUD_API_TOKEN in the environment (from your CI system's secret store), or pass --token-file FILE, or pipe it in with --token-file - . If you already typed it, remove it from your shell history and consider rotating it",
};

/**
 * The API token: from --token-file (a path, or `-` for stdin), else from DBT_CLOUD_API_TOKEN. Never from
 * the command line. The token is never echoed, not even in part.
 */
export async function readToken(
  tokenFile: string | undefined,
  env: NodeJS.ProcessEnv,
  stdin: NodeJS.ReadableStream & { isTTY?: boolean },
): Promise<{ token: string; source: string }> {
  if (tokenFile !== undefined) {
    if (tokenFile === "-") {
      if (stdin.isTTY) {
        throw new CliUsageError([
          {
            source: "--token-file -",
            problem: "standard input is a terminal, not a pipe",
            fix: "pipe the token in, e.g. `vault read -field=token secret/dbt | dbt-cloud-kit … --token-file -`, or use DBT_CLOUD_API_TOKEN",
          },
        ]);
      }
      return { token: (await readStream(stdin)).trim(), source: "--token-file -" };
    }
    try {
      return { token: (await readFile(tokenFile, "utf8")).trim(), source: "--token-file" };
    } catch (error) {
      throw new CliUsageError(
        [
          {
            source: "--token-file",
            problem: `cannot read ${JSON.stringify(tokenFile)} (${(error as NodeJS.ErrnoException).code ?? "error"})`,
            fix: "give the path of a file that holds only the token",
          },
        ],
        { cause: error },
      );
    }
  }
  return { token: env.DBT_CLOUD_API_TOKEN?.trim() ?? "", source: "DBT_CLOUD_API_TOKEN" };
}

async function readStream(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const buffer = typeof chunk === "string" ? Buffer.from(chunk) : (chunk as Buffer);
    size += buffer.length;
    // A token is short; more than this is not a token (and must not be buffered without bound).
    if (size > 64 * 1024) break;
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** Refuses --token / --api-token before anything else happens (the value is never echoed). */
export function refuseTokenOnCommandLine(ctx: { globals: GlobalOptions }): void {
  const flag =
    ctx.globals.token !== undefined
      ? "--token"
      : ctx.globals.apiToken !== undefined
        ? "--api-token"
        : undefined;
  if (flag !== undefined) throw new CliUsageError([{ source: flag, ...TOKEN_ON_COMMAND_LINE }]);
}
