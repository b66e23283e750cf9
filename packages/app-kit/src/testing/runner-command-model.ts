import { LEGACY_COMMAND_MARKER, RUNNER_LINE_BREAK, trimRunnerStart } from "../untrusted/runner-line.js";

/** A line of stdout the runner would act on. */
export interface RunnerCommand {
  /** 0-based line number in the stream (after splitting on `\r\n`, `\r` and `\n`). */
  line: number;
  /** The command name as written (`error`, `stop-commands`, `add-mask`…). */
  name: string;
  /** `::` for `::name props::data` (after leading blanks), `##[` for the legacy form anywhere in a line. */
  form: "::" | "##[";
  /** Properties, unescaped as the runner does (`%25`, `%0D`, `%0A`, `%3A`, `%2C`). */
  properties: Map<string, string>;
  /** The data after the command, unescaped. */
  data: string;
  /** The raw line. */
  text: string;
}

export interface RunnerStreamReading {
  /** Commands the runner would execute (stop-commands and its resume included). */
  commands: RunnerCommand[];
  /** Lines printed while commands were stopped, with the token that stopped them. */
  stoppedLines: { line: number; token: string; text: string }[];
  /** Whether commands are still stopped at the end of the stream. */
  stoppedAtEnd: boolean;
}

/** The commands actions/runner registers (its command extensions, plus stop-commands). */
const RUNNER_COMMANDS = new Set([
  "add-mask",
  "add-matcher",
  "add-path",
  "debug",
  "echo",
  "endgroup",
  "error",
  "group",
  "internal-set-repo-path",
  "notice",
  "remove-matcher",
  "save-state",
  "set-env",
  "set-output",
  "stop-commands",
  "warning",
]);

function unescapeCommandValue(value: string, property: boolean): string {
  let out = value.replaceAll("%0D", "\r").replaceAll("%0A", "\n");
  if (property) out = out.replaceAll("%3A", ":").replaceAll("%2C", ",");
  return out.replaceAll("%25", "%");
}

function parseProperties(text: string, legacy: boolean): Map<string, string> {
  const properties = new Map<string, string>();
  for (const pair of text.split(legacy ? ";" : ",")) {
    const eq = pair.indexOf("=");
    if (pair.trim() === "" || eq <= 0) continue;
    properties.set(pair.slice(0, eq), unescapeCommandValue(pair.slice(eq + 1), true));
  }
  return properties;
}

/** `::name key=value,…::data` after leading blanks (actions/runner `ActionCommand.TryParseV2`). */
function parseV2(lineNo: number, text: string): RunnerCommand | undefined {
  const start = trimRunnerStart(text);
  if (!start.startsWith("::")) return undefined;
  const end = start.indexOf("::", 2);
  if (end < 0) return undefined;
  const info = start.slice(2, end);
  const space = info.indexOf(" ");
  const name = space < 0 ? info : info.slice(0, space);
  const properties = space < 0 ? new Map<string, string>() : parseProperties(info.slice(space + 1), false);
  return {
    line: lineNo,
    name,
    form: "::",
    properties,
    data: unescapeCommandValue(start.slice(end + 2), false),
    text,
  };
}

/** `##[name key=value;…]data` anywhere in the line (actions/runner `ActionCommand.TryParse`). */
function parseLegacy(lineNo: number, text: string): RunnerCommand | undefined {
  const at = text.indexOf(LEGACY_COMMAND_MARKER);
  if (at < 0) return undefined;
  const close = text.indexOf("]", at);
  if (close < 0) return undefined;
  const info = text.slice(at + LEGACY_COMMAND_MARKER.length, close);
  const space = info.indexOf(" ");
  const name = space < 0 ? info : info.slice(0, space);
  const properties = space < 0 ? new Map<string, string>() : parseProperties(info.slice(space + 1), true);
  return {
    line: lineNo,
    name,
    form: "##[",
    properties,
    data: unescapeCommandValue(text.slice(close + 1), false),
    text,
  };
}

/**
 * A model of how the Actions runner (actions/runner `ActionCommandManager`) reads a step's stdout, erring
 * on the strict side: every `::name::` is a command, even a name the runner does not know (then the legacy
 * form of the same line counts too, as the runner tries it next), names compare case-insensitively, and while
 * commands are stopped only `::token::` or `##[token]` resumes them.
 */
export function readRunnerStream(stdout: string): RunnerStreamReading {
  const commands: RunnerCommand[] = [];
  const stoppedLines: RunnerStreamReading["stoppedLines"] = [];
  let stopToken: string | undefined;
  stdout.split(RUNNER_LINE_BREAK).forEach((text, lineNo) => {
    if (text === "") return;
    const v2 = parseV2(lineNo, text);
    // The runner tries the legacy form only when `::name::` is not a command it knows.
    const legacy = v2 && RUNNER_COMMANDS.has(v2.name.toLowerCase()) ? undefined : parseLegacy(lineNo, text);
    const candidates = [v2, legacy].filter((c): c is RunnerCommand => c !== undefined);
    if (stopToken !== undefined) {
      const token = stopToken;
      const resume = candidates.find((c) => c.name.toLowerCase() === token.toLowerCase());
      if (resume) {
        commands.push(resume);
        stopToken = undefined;
      } else {
        stoppedLines.push({ line: lineNo, token, text });
      }
      return;
    }
    for (const command of candidates) {
      commands.push(command);
      if (command.name.toLowerCase() === "stop-commands" && stopToken === undefined) {
        stopToken = command.data;
      }
    }
  });
  return { commands, stoppedLines, stoppedAtEnd: stopToken !== undefined };
}

/**
 * The commands in `stdout` that `expected` does not account for: each command line the runner would act
 * on must be one the program printed on purpose (matched by its full line). Blocks are accounted for by
 * their stop-commands and resume lines, which the printer writes.
 */
export function unexpectedRunnerCommands(
  stdout: string,
  isExpected: (command: RunnerCommand) => boolean,
): RunnerCommand[] {
  return readRunnerStream(stdout).commands.filter((c) => !isExpected(c));
}
