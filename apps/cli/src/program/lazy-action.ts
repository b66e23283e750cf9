import type { Command } from "commander";
import { type CliContext, type CliIo, createContext, type GlobalOptions } from "../context/cli-context.js";
import { refuseTokenOnCommandLine } from "../credentials/read-token.js";

/** What a command's module exports: its handler, loaded only when the command runs. */
export type Handler<O> = (ctx: CliContext, args: string[], options: O) => Promise<number>;

export interface ProgramRuntime {
  io: CliIo;
  signal: AbortSignal;
  /** The exit code of the command that ran. */
  exitCode: number;
}

/**
 * Attaches a handler that is imported on demand, so `--help` and every other command load nothing of it
 * (the client, zod, the emulator… stay on disk until a command needs them).
 */
export function lazyAction<O>(
  command: Command,
  runtime: ProgramRuntime,
  load: () => Promise<{ handler: Handler<O> }>,
): Command {
  return command.action(async (...params: unknown[]) => {
    const cmd = params.at(-1) as Command;
    const globals = cmd.optsWithGlobals() as GlobalOptions;
    const ctx = createContext(runtime.io, globals, runtime.signal);
    refuseTokenOnCommandLine(ctx);
    const { handler } = await load();
    runtime.exitCode = await handler(
      ctx,
      cmd.processedArgs.flat().filter((a): a is string => typeof a === "string"),
      // A subcommand (`sensor serve`) also sees options its parent parsed.
      cmd.optsWithGlobals() as O,
    );
  });
}
