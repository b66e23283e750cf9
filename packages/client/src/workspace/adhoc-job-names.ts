export const ADHOC_JOB_PREFIX = "DBT_CLOUD_KIT_ADHOC__";

/**
 * Names of the ad hoc job pool: `DBT_CLOUD_KIT_ADHOC__<project>__<environment>` for index 0 and
 * `…__<i>` for the others (so growing the pool keeps the first job). A custom name is used verbatim
 * for index 0 and as the prefix of the others.
 */
export function adhocJobNames(
  projectId: number,
  environmentId: number,
  poolSize = 1,
  customName?: string | undefined,
): string[] {
  const base = customName?.trim() || `${ADHOC_JOB_PREFIX}${projectId}__${environmentId}`;
  return Array.from({ length: poolSize }, (_, i) => (i === 0 ? base : `${base}__${i}`));
}

/** Does this job name belong to dbt-cloud-kit's ad hoc jobs (any project, environment, index)? */
export function isAdhocJobName(name: string | null | undefined): boolean {
  return typeof name === "string" && name.startsWith(ADHOC_JOB_PREFIX);
}
