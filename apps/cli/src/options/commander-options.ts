import type { SharedOption } from "@dbt-cloud-kit/app-kit";
import { type Command, Option } from "commander";

/** Adds a shared option to a command as `--<input>` (on/off options get their `--no-` form). */
export function addSharedOption(command: Command, spec: SharedOption<unknown>): Command {
  if (spec.argument === undefined) {
    if (spec.defaultValue === "true") {
      command.addOption(new Option(`--no-${spec.input}`, spec.description));
      command.addOption(new Option(`--${spec.input}`, "(default)").hideHelp());
    } else {
      command.addOption(new Option(`--${spec.input}`, spec.description));
    }
    return command;
  }
  const option = new Option(`--${spec.input} ${spec.argument}`, spec.description);
  if (spec.repeatable) {
    option.argParser((value: string, previous: string[] | undefined) => [...(previous ?? []), value]);
  }
  if (spec.defaultValue !== undefined)
    option.default(undefined, JSON.stringify(spec.defaultValue.replaceAll("\n", ",")));
  if (spec.input === "artifacts") {
    command.addOption(option);
    command.addOption(new Option("--no-artifacts", "download no artifacts"));
    return command;
  }
  return command.addOption(option);
}

/** The commander property name of `--some-input` (`someInput`). */
export function optionKey(input: string): string {
  return input.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
}
