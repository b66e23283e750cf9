/** The bench's synthetic dbt project of any size: the workspace's one generator, from the testkit. */
export {
  generateSyntheticProject,
  type SyntheticArtifacts,
  type SyntheticOptions,
} from "@dbt-cloud-kit/testkit";
