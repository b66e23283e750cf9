import {
  ARTIFACT_OPTIONS,
  JOB_OPTIONS,
  START_OPTIONS,
  TRIGGER_OVERRIDE_OPTIONS,
  WAIT_OPTIONS,
} from "@dbt-cloud-kit/app-kit";
import type { Command } from "commander";
import { EXIT_CODES_HELP } from "../errors/exit-codes.js";
import { addSharedOption } from "../options/commander-options.js";

export function addTriggerOptions(command: Command): Command {
  for (const spec of Object.values(TRIGGER_OVERRIDE_OPTIONS)) addSharedOption(command, spec);
  return command;
}

export function addStartOptions(command: Command): Command {
  for (const spec of Object.values(START_OPTIONS)) addSharedOption(command, spec);
  return command;
}

/** --no-wait only where waiting is optional (run, retry). */
export function addWaitOptions(command: Command, { optional }: { optional: boolean }): Command {
  for (const spec of Object.values(WAIT_OPTIONS)) {
    if (spec === WAIT_OPTIONS.wait && !optional) continue;
    addSharedOption(command, spec);
  }
  return command;
}

export function addArtifactOptions(command: Command): Command {
  addSharedOption(command, ARTIFACT_OPTIONS.artifacts);
  command.option(
    "--out <dir>",
    `directory to download artifacts into (default: "${ARTIFACT_OPTIONS.artifactsDir.defaultValue}")`,
  );
  addSharedOption(command, ARTIFACT_OPTIONS.artifactsStep);
  return command;
}

export function addScopeOptions(command: Command): Command {
  addSharedOption(command, JOB_OPTIONS.projectId);
  addSharedOption(command, JOB_OPTIONS.environmentId);
  return command;
}

/** Examples and the exit codes after a command's own help. */
export function withExamples(command: Command, examples: readonly string[]): Command {
  return command.addHelpText(
    "after",
    `\nExamples:\n${examples.map((e) => `  ${e}`).join("\n")}\n\n${EXIT_CODES_HELP}\n`,
  );
}
