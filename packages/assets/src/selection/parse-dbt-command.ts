import type { DbtIndirectSelection, DbtManifest } from "../artifacts/manifest-types.js";
import { DbtCommandLineError } from "./errors.js";
import type { SelectUniqueIdsOptions } from "./select-unique-ids.js";
import { checkIndirectSelection } from "./selection-spec.js";
import { splitShellWords } from "./shell-words.js";

/** A dbt invocation, split into what selection and execution need. */
export interface ParsedDbtCommand {
  /** Words after `dbt`, unquoted. */
  argv: string[];
  /** `build`, `run`, `test`, … and `source freshness` / `docs generate` for the two-word commands. */
  command: string;
  /** Positional words after the command, e.g. the macro of `run-operation`. */
  positional: string[];
  /** One entry per `--select` / `-s` / `--models` / `-m` value. */
  select: string[];
  exclude: string[];
  selector: string | undefined;
  indirectSelection: DbtIndirectSelection | undefined;
  resourceTypes: string[];
  excludeResourceTypes: string[];
  vars: string | undefined;
  target: string | undefined;
  threads: number | undefined;
  fullRefresh: boolean;
  failFast: boolean;
  /** Every other option by long name without dashes: its value, or `true` for a flag. */
  options: Record<string, string | true>;
}

const SELECT = new Set(["--select", "-s", "--models", "-m", "--model"]);
const EXCLUDE = new Set(["--exclude"]);
const RESOURCE_TYPE = new Set(["--resource-type", "--resource-types"]);
const EXCLUDE_RESOURCE_TYPE = new Set(["--exclude-resource-type", "--exclude-resource-types"]);
const MULTI_VALUE = new Set([...SELECT, ...EXCLUDE, ...RESOURCE_TYPE, ...EXCLUDE_RESOURCE_TYPE]);

/** Options that take one value (the next word when not written `--flag=value`). */
const SINGLE_VALUE = new Set([
  "--selector",
  "--indirect-selection",
  "--vars",
  "--target",
  "-t",
  "--profile",
  "--threads",
  "--state",
  "--defer-state",
  "--target-path",
  "--log-path",
  "--project-dir",
  "--profiles-dir",
  "--log-format",
  "--log-format-file",
  "--log-level",
  "--log-level-file",
  "--printer-width",
  "--args",
  "--event-time-start",
  "--event-time-end",
  "--sample",
  "--output",
  "-o",
  "--output-keys",
  "--limit",
  "--inline",
  "--warn-error-options",
  "--record-timing-info",
  "-r",
]);

const TWO_WORD_COMMANDS = new Set(["source", "docs"]);
const SHORT_NAMES: Record<string, string> = { t: "target", o: "output", r: "record-timing-info" };

/**
 * Parses a dbt command line (`dbt build --select +orders --exclude tag:slow`) or an argv. Quoting follows
 * POSIX shell rules, so `--vars '{"a": 1}'` stays one value. Like dbt's multi-value options, `--select a b`
 * takes every following word up to the next option.
 */
export function parseDbtCommand(commandLine: string | readonly string[]): ParsedDbtCommand {
  const text = typeof commandLine === "string" ? commandLine : commandLine.join(" ");
  const words = typeof commandLine === "string" ? splitShellWords(commandLine) : [...commandLine];
  const argv = words[0] === "dbt" ? words.slice(1) : words;
  const parsed: ParsedDbtCommand = {
    argv,
    command: "",
    positional: [],
    select: [],
    exclude: [],
    selector: undefined,
    indirectSelection: undefined,
    resourceTypes: [],
    excludeResourceTypes: [],
    vars: undefined,
    target: undefined,
    threads: undefined,
    fullRefresh: false,
    failFast: false,
    // option names come from the command line (a job's steps): no prototype, so `--__proto__` is a key
    options: Object.create(null) as Record<string, string | true>,
  };
  let i = 0;
  while (i < argv.length) {
    const word = argv[i] as string;
    i += 1;
    if (!word.startsWith("-") || word === "-") {
      if (parsed.command === "") parsed.command = word;
      else if (
        TWO_WORD_COMMANDS.has(parsed.command) &&
        parsed.positional.length === 0 &&
        !parsed.command.includes(" ")
      ) {
        parsed.command = `${parsed.command} ${word}`;
      } else parsed.positional.push(word);
      continue;
    }
    const eq = word.startsWith("--") ? word.indexOf("=") : -1;
    const flag = eq > 0 ? word.slice(0, eq) : word;
    const inline = eq > 0 ? word.slice(eq + 1) : undefined;
    if (MULTI_VALUE.has(flag)) {
      const values: string[] = inline === undefined ? [] : [inline];
      while (inline === undefined && i < argv.length && !(argv[i] as string).startsWith("-")) {
        values.push(argv[i] as string);
        i += 1;
      }
      if (values.length === 0) throw missingValue(flag, text);
      const target = SELECT.has(flag)
        ? parsed.select
        : EXCLUDE.has(flag)
          ? parsed.exclude
          : RESOURCE_TYPE.has(flag)
            ? parsed.resourceTypes
            : parsed.excludeResourceTypes;
      target.push(...values);
      continue;
    }
    if (SINGLE_VALUE.has(flag)) {
      let value = inline;
      if (value === undefined) {
        value = argv[i];
        i += 1;
      }
      if (value === undefined) throw missingValue(flag, text);
      applySingle(parsed, flag, value, text);
      continue;
    }
    const name = flag.replace(/^-+/, "");
    if (name === "full-refresh" || name === "f") parsed.fullRefresh = true;
    else if (name === "fail-fast" || name === "x") parsed.failFast = true;
    parsed.options[own(SHORT_NAMES, name) ?? name] = inline ?? true;
  }
  if (parsed.command === "") {
    throw new DbtCommandLineError(
      `"${text}" has no dbt command; start it with one such as "dbt build" or "dbt run --select orders".`,
      text,
    );
  }
  return parsed;
}

function applySingle(parsed: ParsedDbtCommand, flag: string, value: string, text: string): void {
  switch (flag) {
    case "--selector":
      parsed.selector = value;
      return;
    case "--indirect-selection":
      try {
        parsed.indirectSelection = checkIndirectSelection(value, "--indirect-selection");
      } catch (cause) {
        throw new DbtCommandLineError(`${(cause as Error).message} (in "${text}")`, text, { cause });
      }
      return;
    case "--vars":
      parsed.vars = value;
      return;
    case "--target":
    case "-t":
      parsed.target = value;
      return;
    case "--threads": {
      const threads = Number(value);
      if (!Number.isInteger(threads) || threads < 1) {
        throw new DbtCommandLineError(
          `--threads must be a positive integer, got "${value}" (in "${text}").`,
          text,
        );
      }
      parsed.threads = threads;
      return;
    }
    default: {
      const name = flag.replace(/^-+/, "");
      parsed.options[own(SHORT_NAMES, name) ?? name] = value;
    }
  }
}

function own<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

function missingValue(flag: string, text: string): DbtCommandLineError {
  return new DbtCommandLineError(`${flag} needs a value (in "${text}"), e.g. ${flag} orders.`, text);
}

/**
 * Resource types each dbt command acts on when it is given no `--resource-type`; `undefined` means every
 * selected resource (e.g. `ls`, `compile`, `docs generate`).
 */
export const DBT_COMMAND_RESOURCE_TYPES: Readonly<Record<string, readonly string[]>> = {
  run: ["model"],
  test: ["test", "unit_test"],
  seed: ["seed"],
  snapshot: ["snapshot"],
  build: ["model", "seed", "snapshot", "test", "unit_test", "function"],
  "source freshness": ["source"],
  clone: ["model", "seed", "snapshot"],
  show: ["model", "seed", "snapshot", "analysis", "test"],
};

/** What a command selects when it has no `--select` and no `--selector`. */
const DEFAULT_SELECT: Readonly<Record<string, readonly string[]>> = {
  "source freshness": ["source:*"],
  ls: ["fqn:*", "source:*", "exposure:*", "metric:*", "semantic_model:*", "saved_query:*", "unit_test:*"],
  list: ["fqn:*", "source:*", "exposure:*", "metric:*", "semantic_model:*", "saved_query:*", "unit_test:*"],
};

/**
 * The `selectUniqueIds` options a parsed command stands for: its selection, its indirect selection, and
 * the resource types the command acts on. With a manifest, a YAML selector marked `default: true` applies
 * when the command has no `--select`, `--exclude` or `--selector`, as in dbt.
 */
export function selectionFromDbtCommand(
  command: ParsedDbtCommand,
  manifest?: DbtManifest,
): SelectUniqueIdsOptions & { select: string[]; exclude: string[] } {
  let selector = command.selector;
  let select = command.select;
  if (
    selector === undefined &&
    select.length === 0 &&
    command.exclude.length === 0 &&
    manifest !== undefined
  ) {
    selector = Object.values(manifest.selectors ?? {}).find(
      (definition) => definition.default === true,
    )?.name;
  }
  if (selector === undefined && select.length === 0)
    select = [...(own(DEFAULT_SELECT, command.command) ?? ["fqn:*"])];
  const commandTypes = own(DBT_COMMAND_RESOURCE_TYPES, command.command);
  // an explicit --resource-type replaces the command's defaults, as in dbt build / ls
  const resourceTypes =
    command.resourceTypes.length > 0
      ? command.resourceTypes
      : commandTypes === undefined
        ? undefined
        : [...commandTypes];
  return {
    select,
    exclude: command.exclude,
    selector,
    indirectSelection: command.indirectSelection,
    resourceTypes,
    excludeResourceTypes: command.excludeResourceTypes,
  };
}
