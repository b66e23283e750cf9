#!/usr/bin/env node
import { InterruptedError } from "./errors/cli-errors.js";
import { EXIT } from "./errors/exit-codes.js";
import { main } from "./main.js";

const controller = new AbortController();
const onSignal = (name: "SIGINT" | "SIGTERM") => () => {
  if (controller.signal.aborted) {
    // A second Ctrl-C: stop now, without waiting for the cancel request.
    process.exit(name === "SIGTERM" ? EXIT.terminated : EXIT.interrupted);
  }
  controller.abort(new InterruptedError(name, `Interrupted by ${name}.`));
};
process.on("SIGINT", onSignal("SIGINT"));
process.on("SIGTERM", onSignal("SIGTERM"));
// `dbt-cloud-kit … | head` closes stdout early: that is not an error worth a stack trace.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
  throw error;
});

main(
  process.argv.slice(2),
  { env: process.env, stdin: process.stdin, stdout: process.stdout, stderr: process.stderr },
  controller.signal,
).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(
      `dbt-cloud-kit: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exitCode = EXIT.apiError;
  },
);
