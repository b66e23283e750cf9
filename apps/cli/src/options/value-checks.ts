import { artifactPathProblem } from "./artifact-path.js";
import { controlCharacterProblem } from "./control-characters.js";

/**
 * Value checks shared with the action's inputs (apps/action/src/config/value-parsers.ts): one rule per kind
 * of value, so a value the action rejects is rejected here with the same problem and fix.
 * MOVE TO @dbt-cloud-kit/app-kit once it carries the action's option parsers.
 */
export type CheckResult<T> = { ok: true; value: T } | { ok: false; problem: string; fix: string };
export type Check<T> = (value: string) => CheckResult<T>;

const quote = (value: string) => JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);

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

export interface SecondsOptions {
  allowZero: boolean;
  example: string;
  max?: number;
}

/**
 * Seconds, fractions allowed (e.g. 0.5); converted to whole milliseconds. A non-zero value that rounds to
 * 0 ms is refused: it would mean "no limit" or a busy loop, never what was meant.
 */
export function secondsValue(options: SecondsOptions): Check<number> {
  return (value) => {
    const n = Number(value);
    const valid = value !== "" && /^\d{0,12}\.?\d{1,12}$/.test(value) && Number.isFinite(n);
    const ms = valid ? Math.round(n * 1000) : Number.NaN;
    const inRange =
      valid &&
      (options.allowZero ? n === 0 || ms >= 1 : ms >= 1) &&
      (options.max === undefined || n <= options.max);
    if (!inRange) {
      const bound = options.allowZero
        ? "zero or a number of seconds of at least 0.001"
        : "a number of seconds of at least 0.001";
      const max = options.max === undefined ? "" : ` up to ${options.max}`;
      return {
        ok: false,
        problem: `${quote(value)} is not ${bound}${max}`,
        fix: `use a number of seconds such as ${options.example}`,
      };
    }
    return { ok: true, value: ms };
  };
}

/** Free text; empty = unset. Control characters are refused: the value is sent in a request body. */
export function textValue(maxLength?: number): Check<string | undefined> {
  return (value) => {
    if (value === "") return { ok: true, value: undefined };
    const control = controlCharacterProblem(value);
    if (control !== undefined)
      return { ok: false, problem: control, fix: "remove it (a line break or tab?)" };
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

/** Paths inside dbt's target/ directory: relative, normalised (the action's artifact-path rules). */
export function artifactPathsValue(value: string): CheckResult<string[]> {
  const paths = listValue(value);
  for (const path of paths) {
    const problem = artifactPathProblem(path);
    if (problem !== undefined) {
      return {
        ok: false,
        problem: `${quote(path)} ${problem}`,
        fix: "list paths relative to target/, e.g. run_results.json or compiled/my_project/models/x.sql",
      };
    }
  }
  return { ok: true, value: paths };
}

/** One dbt command per line, each starting with `dbt `. */
export function stepsValue(value: string): CheckResult<string[] | undefined> {
  const steps = value
    .split("\n")
    .map((s) => s.trim())
    .filter((s) => s !== "");
  const bad = steps.find((s) => !/^dbt\s+\S/.test(s));
  if (bad !== undefined) {
    return {
      ok: false,
      problem: `line "${bad.slice(0, 60)}" is not a dbt command`,
      fix: "write one dbt command per line, each starting with 'dbt ', e.g. dbt build -s tag:nightly",
    };
  }
  return { ok: true, value: steps.length > 0 ? steps : undefined };
}

export function gitShaValue(value: string): CheckResult<string | undefined> {
  if (value === "") return { ok: true, value: undefined };
  if (/^[0-9a-f]{7,40}$/i.test(value)) return { ok: true, value };
  return {
    ok: false,
    problem: `"${value.slice(0, 60)}" is not a commit sha`,
    fix: "use a 7-40 character hex sha",
  };
}

export function artifactsStepValue(value: string): CheckResult<"auto" | number> {
  if (value === "" || value.toLowerCase() === "auto") return { ok: true, value: "auto" };
  const n = positiveIntegerValue("the step")(value);
  if (n.ok && n.value !== undefined) return { ok: true, value: n.value };
  return {
    ok: false,
    problem: `"${value}" is neither auto nor a step number`,
    fix: "use auto or a 1-based step index",
  };
}
