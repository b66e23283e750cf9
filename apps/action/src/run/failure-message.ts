import { DbtCloudAuthError, DbtCloudNetworkError } from "@dbt-cloud-kit/client";

/** The step's failure message: the error, plus which input to check when that is clear from its kind. */
export function failureMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof DbtCloudNetworkError) {
    const what = error.timedOut ? "raise request-timeout if dbt Cloud is just slow, and check" : "check";
    return `${message}. dbt Cloud could not be reached: ${what} access-url (your account's access URL, from Account settings) and that the runner can reach it (behind a proxy: HTTPS_PROXY / NO_PROXY).`;
  }
  if (error instanceof DbtCloudAuthError) {
    return `${message} (inputs: api-token, account-id, access-url).`;
  }
  return message;
}
