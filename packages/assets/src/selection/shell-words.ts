import { DbtCommandLineError } from "./errors.js";

/**
 * Splits a command line into words the way a POSIX shell does, without expansions: whitespace separates
 * words; single quotes keep everything literal; double quotes keep everything but `\"`, `\\`, `\$`, `` \` ``
 * and a backslash-newline; a backslash outside quotes escapes the next character. So
 * `dbt run --vars '{"a": 1}'` gives `["dbt", "run", "--vars", "{\"a\": 1}"]`.
 */
export function splitShellWords(line: string): string[] {
  const words: string[] = [];
  let word = "";
  let inWord = false;
  let i = 0;
  const n = line.length;
  while (i < n) {
    const c = line[i] as string;
    if (c === " " || c === "\t" || c === "\n" || c === "\r") {
      if (inWord) words.push(word);
      word = "";
      inWord = false;
      i += 1;
    } else if (c === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0) throw unbalanced(line, "single");
      word += line.slice(i + 1, end);
      inWord = true;
      i = end + 1;
    } else if (c === '"') {
      i += 1;
      inWord = true;
      let closed = false;
      while (i < n) {
        const d = line[i] as string;
        if (d === '"') {
          closed = true;
          i += 1;
          break;
        }
        if (d === "\\" && i + 1 < n) {
          const next = line[i + 1] as string;
          if (next === "\n") {
            i += 2;
            continue;
          }
          if (next === '"' || next === "\\" || next === "$" || next === "`") {
            word += next;
            i += 2;
            continue;
          }
        }
        word += d;
        i += 1;
      }
      if (!closed) throw unbalanced(line, "double");
    } else if (c === "\\") {
      if (i + 1 < n) {
        const next = line[i + 1] as string;
        if (next !== "\n") {
          word += next;
          inWord = true;
        }
        i += 2;
      } else {
        word += "\\";
        inWord = true;
        i += 1;
      }
    } else {
      word += c;
      inWord = true;
      i += 1;
    }
  }
  if (inWord) words.push(word);
  return words;
}

function unbalanced(line: string, kind: "single" | "double"): DbtCommandLineError {
  return new DbtCommandLineError(
    `The command line has an unterminated ${kind} quote: ${line}. Close the quote, or escape it with a backslash.`,
    line,
  );
}
