/** Which credential a problem is about. */
export type DbtCloudCredentialsField = "accountId" | "token" | "accessUrl";

/**
 * One validation problem: the field, what is wrong with its value (never the token, never a URL's user
 * info or query) and how to fix it. `problem` reads after the field's label: `accountId "abc" is not a
 * positive integer`.
 */
export interface CredentialProblem {
  readonly field: DbtCloudCredentialsField;
  readonly problem: string;
  readonly fix: string;
}

/** Field labels used in messages, e.g. env var names or action input names. */
export type CredentialsLabels = Partial<Record<DbtCloudCredentialsField, string>>;

/** `<label> <problem>. <fix>`: the one place a problem becomes text. */
export function formatCredentialProblem(problem: CredentialProblem, labels: CredentialsLabels = {}): string {
  const label = labels[problem.field] ?? problem.field;
  const fix = problem.fix === "" ? "" : ` ${problem.fix}`;
  return `${label} ${problem.problem}.${fix}`;
}

/** Every problem on its own line, in field order. */
export function formatCredentialProblems(
  problems: readonly CredentialProblem[],
  labels: CredentialsLabels = {},
): string {
  return problems.map((problem) => formatCredentialProblem(problem, labels)).join("\n");
}
