/**
 * How the Actions runner reads a step's stdout: .NET's `StreamReader.ReadLine`, so `\r\n`, `\r` and `\n`
 * each end a line. Linear (no backtracking): each alternative is a fixed string.
 */
export const RUNNER_LINE_BREAK = /\r\n|\r|\n/;

/** True when the text holds anything the runner would read as a line break. */
export function hasRunnerLineBreak(text: string): boolean {
  return text.includes("\n") || text.includes("\r");
}

/**
 * The runner trims a line with .NET's `TrimStart()` (every `char.IsWhiteSpace`) before looking for `::`.
 * JavaScript's whitespace set is the same but misses NEL (U+0085), so that is trimmed too: a superset.
 */
export function trimRunnerStart(line: string): string {
  let i = 0;
  while (i < line.length) {
    const c = line[i] as string;
    if (c !== "\u0085" && c.trim() !== "") break;
    i++;
  }
  return i === 0 ? line : line.slice(i);
}

/** The legacy command marker (`##[error]…`), which the runner recognises anywhere in a line. */
export const LEGACY_COMMAND_MARKER = "##[";

/** True when the runner could read a command in this single line (`::` after blanks, or `##[` anywhere). */
export function startsRunnerCommand(line: string): boolean {
  return trimRunnerStart(line).startsWith("::") || line.includes(LEGACY_COMMAND_MARKER);
}
