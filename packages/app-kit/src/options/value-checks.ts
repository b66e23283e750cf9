import { artifactPathProblem } from "./artifact-path.js";
import { controlCharacterProblem } from "./control-characters.js";

/** What is wrong with an option's value, and how to fix it. */
export interface ValueProblem {
  problem: string;
  fix: string;
}

/** A checked value, or its problem; a list may report one problem per bad entry (`more`). */
export type CheckResult<T> =
  | { ok: true; value: T }
  | ({ ok: false; more?: readonly ValueProblem[] } & ValueProblem);

/**
 * One rule per kind of value, shared by the action's inputs and the CLI's flags: the raw (trimmed) string
 * in, the typed value or the problem and its fix out.
 */
export type Check<T> = (value: string) => CheckResult<T>;

/** A value as shown in a message: JSON-quoted (control characters escaped), long ones cut. */
export const quote = (value: string) =>
  JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);

const TRUE = new Set(["true", "True", "TRUE"]);
const FALSE = new Set(["false", "False", "FALSE"]);

/** YAML 1.2 core booleans, as @actions/core's getBooleanInput. Empty = `fallback` (undefined = unset). */
export function booleanValue<F extends boolean | undefined>(fallback: F): Check<boolean | F> {
  return (value) => {
    if (value === "") return { ok: true, value: fallback };
    if (TRUE.has(value)) return { ok: true, value: true };
    if (FALSE.has(value)) return { ok: true, value: false };
    return { ok: false, problem: `${quote(value)} is not a boolean`, fix: "use true or false" };
  };
}

/** A positive integer (ids, counts); empty = unset. */
export function positiveIntegerValue(what: string): Check<number | undefined> {
  return (value) => {
    if (value === "") return { ok: true, value: undefined };
    if (!/^\d+$/.test(value) || Number(value) < 1 || !Number.isSafeInteger(Number(value))) {
      return {
        ok: false,
        problem: `${quote(value)} is not a positive integer`,
        fix: `set ${what}, e.g. 12345`,
      };
    }
    return { ok: true, value: Number(value) };
  };
}

export function nonNegativeIntegerValue(what: string): Check<number | undefined> {
  return (value) => {
    if (value === "") return { ok: true, value: undefined };
    if (!/^\d+$/.test(value) || !Number.isSafeInteger(Number(value))) {
      return { ok: false, problem: `${quote(value)} is not a whole number of seconds`, fix: `set ${what}` };
    }
    return { ok: true, value: Number(value) };
  };
}

/**
 * Seconds, fractions allowed (e.g. 0.5); converted to whole milliseconds. A value that rounds to 0 ms is
 * rejected (below `min`), so a tiny positive timeout never turns into "no limit" or a zero-length sleep.
 */
export function secondsValue(options: {
  allowZero: boolean;
  example: string;
  /** The smallest positive value accepted, in seconds: at least what rounds to 1 ms. */
  min: number;
  max?: number;
}): Check<number> {
  return (value) => {
    const n = Number(value);
    // Linear on any input: `\d*` gives back one digit at a time and the group then fails at once.
    const valid = value !== "" && /^\d*(?:\.\d+)?$/.test(value) && Number.isFinite(n);
    const inRange =
      valid && (options.allowZero ? n >= 0 : n > 0) && (options.max === undefined || n <= options.max);
    if (!inRange) {
      const bound = options.allowZero
        ? "zero or a positive number of seconds"
        : "a positive number of seconds";
      const max = options.max === undefined ? "" : ` up to ${options.max}`;
      return {
        ok: false,
        problem: `${quote(value)} is not ${bound}${max}`,
        fix: `use a number of seconds such as ${options.example}`,
      };
    }
    const ms = Math.round(n * 1000);
    if (n > 0 && (ms === 0 || n < options.min)) {
      const zero = options.allowZero ? "use 0 for no limit, or " : "use ";
      return {
        ok: false,
        problem: `${quote(value)} ${ms === 0 ? "rounds to 0 ms" : "is"} below the minimum of ${options.min} seconds`,
        fix: `${zero}at least ${options.min} seconds, e.g. ${options.example}`,
      };
    }
    return { ok: true, value: ms };
  };
}

/** The fix for a control character in a text input. */
export const CONTROL_CHARACTER_FIX =
  "remove it: the value is sent to dbt Cloud as is, so it must be plain text on one line (no tab, line break or escape sequence)";

/** Free text; empty = unset. Control characters are rejected (the value ends up in request bodies and logs). */
export function textValue(maxLength?: number): Check<string | undefined> {
  return (value) => {
    if (value === "") return { ok: true, value: undefined };
    const control = controlCharacterProblem(value);
    if (control !== undefined) return { ok: false, problem: control, fix: CONTROL_CHARACTER_FIX };
    if (maxLength !== undefined && value.length > maxLength) {
      return {
        ok: false,
        problem: `is ${value.length} characters long`,
        fix: `keep it under ${maxLength} characters`,
      };
    }
    return { ok: true, value };
  };
}

export function enumValue<const T extends string>(allowed: readonly T[]): Check<T> {
  return (value) => {
    const hit = allowed.find((a) => a === value.toLowerCase());
    if (hit !== undefined) return { ok: true, value: hit };
    return {
      ok: false,
      problem: `${quote(value)} is not one of ${allowed.join(", ")}`,
      fix: `use ${allowed.join(" or ")}`,
    };
  };
}

/** Newline or comma separated, blanks dropped, duplicates removed. */
export function listValue(value: string): string[] {
  return [
    ...new Set(
      value
        .split(/[\n,]/)
        .map((s) => s.trim())
        .filter((s) => s !== ""),
    ),
  ];
}

const ARTIFACT_FIX =
  "list each artifact relative to dbt's target/ directory, directories separated by a single /, without " +
  '".", "..", a leading /, a drive letter, a backslash or control characters';

/** Paths inside dbt's target/ directory (artifact-path.ts), one problem per bad entry. */
export function artifactPathsValue(value: string): CheckResult<string[]> {
  const paths = listValue(value);
  const bad = paths.flatMap((path) => {
    const problem = artifactPathProblem(path);
    return problem === undefined
      ? []
      : [
          {
            problem: `entry ${quote(path)} is not a path inside dbt's target/ directory: it ${problem}`,
            fix: `${ARTIFACT_FIX}, e.g. run_results.json or compiled/my_project/models/x.sql`,
          },
        ];
  });
  const [first, ...more] = bad;
  if (first !== undefined) return { ok: false, ...first, more };
  return { ok: true, value: paths };
}

/** One dbt command per line, each starting with `dbt `; no control characters. */
export function stepsValue(value: string): CheckResult<string[] | undefined> {
  const lines = value.split("\n").map((s) => s.trim());
  for (const [index, line] of lines.entries()) {
    const control = controlCharacterProblem(line);
    if (control !== undefined) {
      return { ok: false, problem: `line ${index + 1} ${control}`, fix: CONTROL_CHARACTER_FIX };
    }
  }
  const steps = lines.filter((s) => s !== "");
  const bad = steps.find((s) => !/^dbt\s+\S/.test(s));
  if (bad !== undefined) {
    return {
      ok: false,
      problem: `line ${quote(bad)} is not a dbt command`,
      fix: "write one dbt command per line, each starting with 'dbt ', e.g. dbt build -s tag:nightly",
    };
  }
  return { ok: true, value: steps.length > 0 ? steps : undefined };
}

export function gitShaValue(value: string): CheckResult<string | undefined> {
  if (value === "") return { ok: true, value: undefined };
  if (/^[0-9a-f]{7,40}$/i.test(value)) return { ok: true, value };
  return { ok: false, problem: `${quote(value)} is not a commit sha`, fix: "use a 7-40 character hex sha" };
}

export function artifactsStepValue(value: string): CheckResult<"auto" | number> {
  if (value === "" || value.toLowerCase() === "auto") return { ok: true, value: "auto" };
  const n = positiveIntegerValue("artifacts-step")(value);
  if (n.ok && n.value !== undefined) return { ok: true, value: n.value };
  return {
    ok: false,
    problem: `"${value}" is neither auto nor a step number`,
    fix: "use auto or a 1-based step index",
  };
}

export function artifactsDirValue(value: string): CheckResult<string> {
  return value === ""
    ? { ok: false, problem: "is empty", fix: "set a directory such as dbt-cloud-artifacts" }
    : { ok: true, value };
}
