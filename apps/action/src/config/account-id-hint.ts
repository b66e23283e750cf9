/** Where to find the account id: the same words as @dbt-cloud-kit/credentials' hint for accountId. */
export const ACCOUNT_ID_WHERE =
  "to the numeric account id shown in your dbt Cloud URL (https://<access-url>/deploy/<account id>/...)";
