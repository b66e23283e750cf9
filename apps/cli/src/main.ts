import { CommanderError } from "commander";
import packageJson from "../package.json" with { type: "json" };
import { type CliContext, type CliIo, createContext } from "./context/cli-context.js";
import { InterruptedError } from "./errors/cli-errors.js";
import { errorHint, errorKind, exitCodeOf } from "./errors/exit-code-of.js";
import { EXIT } from "./errors/exit-codes.js";
import { writeJson } from "./output/json-output.js";
import { buildProgram } from "./program/build-program.js";
import type { ProgramRuntime } from "./program/lazy-action.js";

/**
 * Runs one command line and resolves to the exit code; never calls process.exit (a second Ctrl-C does,
 * in bin.ts). The first SIGINT / SIGTERM aborts the command's signal, so a waiting `run` can cancel its run.
 */
export async function main(argv: readonly string[], io: CliIo, signal: AbortSignal): Promise<number> {
  const runtime: ProgramRuntime = { io, signal, exitCode: EXIT.success };
  const program = buildProgram(runtime, packageJson.version);
  if (argv.length === 0) {
    program.outputHelp({ error: true });
    return EXIT.usage;
  }
  try {
    await program.parseAsync([...argv], { from: "user" });
    return runtime.exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Commander printed the message (with its "did you mean" suggestion) already.
      return error.code === "commander.helpDisplayed" ||
        error.code === "commander.version" ||
        error.exitCode === 0
        ? EXIT.success
        : EXIT.usage;
    }
    const ctx = createContext(io, globalsOf(argv), signal);
    return reportError(ctx, error);
  }
}

/** --json and --no-color as given, for reporting an error that happened after parsing. */
function globalsOf(argv: readonly string[]): { json: boolean; color?: boolean } {
  return { json: argv.includes("--json"), ...(argv.includes("--no-color") ? { color: false } : {}) };
}

function reportError(ctx: CliContext, error: unknown): number {
  const code = exitCodeOf(error, ctx.signal);
  const interrupted = code === EXIT.interrupted || code === EXIT.terminated;
  const message =
    error instanceof InterruptedError
      ? error.message
      : interrupted
        ? `Interrupted (${ctx.signal.reason instanceof InterruptedError ? ctx.signal.reason.signal : "signal"}).`
        : error instanceof Error
          ? error.message
          : String(error);
  const hint = errorHint(error);
  // Messages can quote dbt Cloud's error bodies: untrusted text.
  ctx.err.line(`${ctx.errStyle.red("error:")} `, message);
  if (hint) ctx.err.text(`  ${hint}`);
  if (ctx.verbose && error instanceof Error && error.stack) ctx.err.block(error.stack);
  // The result of an interrupted `run` was already written; other errors get an error document.
  if (ctx.json && !(error instanceof InterruptedError)) {
    writeJson(ctx.stdout, {
      error: {
        exitCode: code,
        kind: errorKind(code),
        type: error instanceof Error ? error.name : "Error",
        message,
      },
    });
  }
  return code;
}
