export type {
  DbtCatalog,
  DbtCatalogColumn,
  DbtCatalogMetadata,
  DbtCatalogStat,
  DbtCatalogTable,
  DbtCatalogTableMetadata,
} from "./artifacts/catalog-types.js";
export { DbtArtifactError, type DbtArtifactErrorDetails } from "./artifacts/errors.js";
export type {
  DbtChecksum,
  DbtColumn,
  DbtDependsOn,
  DbtExposure,
  DbtFreshnessThreshold,
  DbtFunction,
  DbtGraphMember,
  DbtGroup,
  DbtIndirectSelection,
  DbtManifest,
  DbtManifestMetadata,
  DbtManifestNode,
  DbtMetric,
  DbtNodeConfig,
  DbtOwner,
  DbtRef,
  DbtResourceType,
  DbtSavedQuery,
  DbtSelectorDefinition,
  DbtSelectorDict,
  DbtSelectorExpression,
  DbtSemanticModel,
  DbtSource,
  DbtTestMetadata,
  DbtUnitTest,
} from "./artifacts/manifest-types.js";
export { type DbtArtifact, getDbtArtifactInfo, parseDbtArtifact } from "./artifacts/parse-artifact.js";
export { parseCatalog } from "./artifacts/parse-catalog.js";
export { parseManifest } from "./artifacts/parse-manifest.js";
export { parseRunResults } from "./artifacts/parse-run-results.js";
export { parseSourcesJson } from "./artifacts/parse-sources.js";
export {
  readCatalogFile,
  readDbtArtifactFile,
  readManifestFile,
  readRunResultsFile,
  readSourcesFile,
} from "./artifacts/read-artifact-file.js";
export type { DbtArtifactInput, ReadArtifactOptions } from "./artifacts/read-envelope.js";
export type {
  DbtAdapterResponse,
  DbtRunResult,
  DbtRunResultStatus,
  DbtRunResults,
  DbtRunResultsMetadata,
  DbtTimingInfo,
} from "./artifacts/run-results-types.js";
export {
  type DbtArtifactInfo,
  type DbtArtifactKind,
  type DbtSchemaRange,
  SUPPORTED_SCHEMA_VERSIONS,
} from "./artifacts/schema-version.js";
export type {
  DbtSourceFreshnessResult,
  DbtSourceFreshnessStatus,
  DbtSources,
  DbtSourcesMetadata,
} from "./artifacts/sources-types.js";
