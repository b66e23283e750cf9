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
export { DbtArtifactTooLargeError, MAX_ARTIFACT_BYTES } from "./artifacts/too-large.js";
export { DbtCloudAssetsError } from "./errors/dbt-cloud-assets-error.js";
export { DbtCloudRunError } from "./errors/dbt-cloud-run-error.js";
export { type EventsFromRunResultsOptions, eventsFromRunResults } from "./events/events-from-run-results.js";
export type { RunResultLike, RunResultsLike } from "./events/run-results-like.js";
export type {
  DbtAssetFailureEvent,
  DbtAssetSkippedEvent,
  DbtCheckResultEvent,
  DbtCheckSkippedEvent,
  DbtEvent,
  DbtMaterializationEvent,
  EventMetadata,
} from "./events/types.js";
export {
  type DbtCloudAssetsDefinition,
  type DbtCloudAssetsOptions,
  dbtCloudAssets,
  type ExecuteOptions,
} from "./execution/dbt-cloud-assets.js";
export {
  type DbtCloudSpecs,
  type LoadDbtCloudAssetSpecsOptions,
  loadDbtCloudAssetSpecs,
} from "./execution/load-dbt-cloud-asset-specs.js";
export {
  DbtSubsetError,
  type DefinitionSelection,
  type ExecutionSubset,
} from "./execution/selection-args.js";
export { DbtCommandError, dbtCommandFromArgv, shellQuote } from "./execution/shell-quote.js";
export { DbtCommandLineError, DbtSelectionError, type DbtSelectionErrorDetails } from "./selection/errors.js";
export { RESOURCE_TYPES, SELECTOR_METHODS } from "./selection/methods.js";
export {
  DBT_COMMAND_RESOURCE_TYPES,
  type ParsedDbtCommand,
  parseDbtCommand,
  selectionFromDbtCommand,
} from "./selection/parse-dbt-command.js";
export { type SelectUniqueIdsOptions, selectUniqueIds } from "./selection/select-unique-ids.js";
export { INDIRECT_SELECTION_MODES } from "./selection/selection-spec.js";
export { splitShellWords } from "./selection/shell-words.js";
export { type AssetKey, assetKeyToString, checkKeyToString } from "./specs/asset-key.js";
export { type BuildDbtSpecsOptions, buildDbtSpecs } from "./specs/build-dbt-specs.js";
export type { DbtExternalResourceType } from "./specs/build-specs-from-selection.js";
export { DbtDuplicateAssetKeyError } from "./specs/errors.js";
export { childMapOf, rebuildChildMap } from "./specs/graph.js";
export type {
  DbtColumnProps,
  DbtGroupProps,
  DbtResourceProps,
  JsonValue,
  ManifestLike,
} from "./specs/resource-props.js";
export type { DbtAssetSpec, DbtCheckSpec, DbtSpecs, DbtUnitTestSpec, SpecMetadata } from "./specs/types.js";
export { summarizeRunResults } from "./summary/summarize-run-results.js";
export type {
  DbtCriticalPath,
  DbtRunSummary,
  DbtSummaryNode,
  DbtTimelineEntry,
  SummarizeOptions,
} from "./summary/types.js";
export {
  type AssetSpecInput,
  type CheckSpecInput,
  DbtCloudTranslator,
  type DbtCloudTranslatorHooks,
  type DbtCloudTranslatorSettings,
} from "./translator/dbt-cloud-translator.js";
export { createTranslatorContext, type TranslatorContext } from "./translator/translator-context.js";
