/** One bad input: which input, what is wrong with the value, and how to fix it. */
export interface InputProblem {
  /** The input's name, or the environment variable's when `source` is "variable". */
  input: string;
  /** Default "input". */
  source?: "input" | "variable";
  problem: string;
  fix: string;
}

/** Raised before any request is sent when inputs are missing, malformed or contradict each other. */
export class ActionInputError extends Error {
  override readonly name = "ActionInputError";
  readonly problems: readonly InputProblem[];

  constructor(problems: readonly InputProblem[], options?: { cause?: unknown }) {
    super(formatProblems(problems), options);
    this.problems = problems;
  }
}

export function formatProblems(problems: readonly InputProblem[]): string {
  // A problem may end in a full stop of its own (e.g. "is empty." plus a sentence about forks): one stop only.
  const lines = problems.map(
    (p) => `${p.source ?? "input"} '${p.input}': ${withoutTrailingStops(p.problem)}. Fix: ${p.fix}`,
  );
  if (lines.length === 1) return `Invalid input. ${lines[0]}`;
  return `Invalid inputs:\n${lines.map((l) => `  - ${l}`).join("\n")}`;
}

/** `text` without its trailing full stops (a loop, not a regex: problems can quote input values). */
function withoutTrailingStops(text: string): string {
  let end = text.length;
  while (end > 0 && text[end - 1] === ".") end--;
  return text.slice(0, end);
}
