/** One bad option: which flag or variable, what is wrong with the value, and how to fix it. */
export interface UsageProblem {
  /** `--poll-interval`, `DBT_CLOUD_ACCOUNT_ID`, `<run-id>`. */
  source: string;
  problem: string;
  fix: string;
}

/** Bad command-line usage, found before any request is sent (exit code 2). */
export class CliUsageError extends Error {
  override readonly name = "CliUsageError";
  readonly problems: readonly UsageProblem[];

  constructor(problems: readonly UsageProblem[], options?: { cause?: unknown }) {
    super(formatProblems(problems), options);
    this.problems = problems;
  }
}

export function formatProblems(problems: readonly UsageProblem[]): string {
  const lines = problems.map(
    (p) => `${p.source}: ${p.problem.replace(/\.$/, "")}. Fix: ${p.fix.replace(/\.$/, "")}.`,
  );
  if (lines.length === 1) return lines[0] as string;
  return `${lines.length} problems:\n${lines.map((l) => `  - ${l}`).join("\n")}`;
}

/** Interrupted by SIGINT / SIGTERM (exit 130 / 143), after the run was cancelled when asked to. */
export class InterruptedError extends Error {
  override readonly name = "InterruptedError";
  readonly signal: "SIGINT" | "SIGTERM";

  constructor(signal: "SIGINT" | "SIGTERM", message: string) {
    super(message);
    this.signal = signal;
  }
}
