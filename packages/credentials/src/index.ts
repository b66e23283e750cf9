export { normalizeAccessUrl } from "./access-url.js";
export {
  type CredentialsLabels,
  DbtCloudCredentials,
  type DbtCloudCredentialsInput,
  makeCredentials,
  parseCredentials,
  REDACTED,
} from "./credentials.js";
export { DbtCloudCredentialsError, type DbtCloudCredentialsField } from "./errors.js";
export { CREDENTIAL_ENV_VARS, credentialsFromEnv } from "./from-env.js";
export {
  type AccessUrlInfo,
  type AccessUrlKind,
  describeAccessUrl,
  isLoopbackHost,
  legacyHostAuthHint,
} from "./host-info.js";
export { redactSecret } from "./redact.js";
export {
  DBT_CLOUD_REGIONS,
  type DbtCloudRegion,
  DEFAULT_ACCESS_URL,
  LEGACY_DBT_CLOUD_HOSTS,
} from "./regions.js";
