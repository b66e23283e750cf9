export { ACCESS_URL_FIX, normalizeAccessUrl } from "./access-url.js";
export {
  CREDENTIAL_FIXES,
  DbtCloudCredentials,
  type DbtCloudCredentialsInput,
  makeCredentials,
  parseCredentials,
  REDACTED,
} from "./credentials.js";
export { DbtCloudCredentialsError } from "./errors.js";
export { CREDENTIAL_ENV_VARS, credentialsFromEnv } from "./from-env.js";
export {
  type AccessUrlInfo,
  type AccessUrlKind,
  describeAccessUrl,
  legacyHostAuthHint,
} from "./host-info.js";
export { isLoopbackHost } from "./loopback.js";
export {
  type CredentialProblem,
  type CredentialsLabels,
  type DbtCloudCredentialsField,
  formatCredentialProblem,
  formatCredentialProblems,
} from "./problems.js";
export { redactSecret } from "./redact.js";
export { redactUrlSecrets } from "./redact-url.js";
export {
  DBT_CLOUD_REGIONS,
  type DbtCloudRegion,
  DEFAULT_ACCESS_URL,
  LEGACY_DBT_CLOUD_HOSTS,
} from "./regions.js";
