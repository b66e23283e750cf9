/** Which credential a problem is about. */
export type DbtCloudCredentialsField = "accountId" | "token" | "accessUrl";

/**
 * Invalid credentials input. The message names the field (or the env var / input it came from),
 * the offending value (never the token) and how to fix it.
 */
export class DbtCloudCredentialsError extends Error {
  override readonly name = "DbtCloudCredentialsError";
  readonly field: DbtCloudCredentialsField;
  readonly fix: string;

  constructor(field: DbtCloudCredentialsField, message: string, fix: string, options?: { cause?: unknown }) {
    super(`${message} ${fix}`, options);
    this.field = field;
    this.fix = fix;
  }
}
