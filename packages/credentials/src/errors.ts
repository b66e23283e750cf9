import {
  type CredentialProblem,
  type CredentialsLabels,
  type DbtCloudCredentialsField,
  formatCredentialProblems,
} from "./problems.js";

/**
 * Invalid credentials input; the base class of every error this package throws. `problems` lists each
 * field that is wrong (`{ field, problem, fix }`); `field`, `problem` and `fix` are the first one's. The
 * message is `formatCredentialProblems(problems, labels)`: it names each field (or the env var / input it
 * came from), the offending value (never the token, never a URL's user info or query) and how to fix it.
 */
export class DbtCloudCredentialsError extends Error {
  override readonly name: string = "DbtCloudCredentialsError";
  readonly problems: readonly CredentialProblem[];
  readonly field: DbtCloudCredentialsField;
  readonly problem: string;
  readonly fix: string;

  constructor(
    problems: readonly [CredentialProblem, ...CredentialProblem[]],
    options?: { cause?: unknown; labels?: CredentialsLabels },
  ) {
    super(
      formatCredentialProblems(problems, options?.labels),
      options?.cause === undefined ? undefined : { cause: options.cause },
    );
    const [first] = problems;
    this.problems = Object.freeze([...problems]);
    this.field = first.field;
    this.problem = first.problem;
    this.fix = first.fix;
  }
}
