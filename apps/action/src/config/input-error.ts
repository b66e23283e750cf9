/** One bad input: which input, what is wrong with the value, and how to fix it. */
export interface InputProblem {
  input: string;
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
  const lines = problems.map((p) => `input '${p.input}': ${p.problem.replace(/\.+$/, "")}. Fix: ${p.fix}`);
  if (lines.length === 1) return `Invalid input. ${lines[0]}`;
  return `Invalid inputs:\n${lines.map((l) => `  - ${l}`).join("\n")}`;
}
