export {
  columnEntries,
  commonNode,
  exposureNode,
  type GeneratedManifest,
  lineageMaps,
  type ManifestEntry,
  manifestDocument,
  nodeConfig,
  sourceNode,
  sqlNodeFields,
} from "./dbt-project/manifest-parts.js";
export { generateShopProject, SHOP_PROJECT_NAME } from "./dbt-project/shop-project.js";
export {
  generateSyntheticProject,
  type SyntheticArtifacts,
  type SyntheticOptions,
} from "./dbt-project/synthetic-project.js";
export { SHARED_FIXTURES_DIR, sharedFixture } from "./shared-fixture.js";
