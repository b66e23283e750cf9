import type { DbtCloudTranslator } from "@dbt-cloud-kit/assets";
import { type DbtCloudWorkspace, type Logger, noopLogger } from "@dbt-cloud-kit/client";
import { DbtCloudSensorConfigError } from "./errors.js";
import type { DbtCloudPollingSensorOptions } from "./types.js";

export interface ResolvedSensorOptions {
  workspace: DbtCloudWorkspace;
  translator: DbtCloudTranslator | undefined;
  jobIds: ReadonlySet<number> | undefined;
  includeAdhocRuns: boolean;
  concurrency: number;
  overlapMs: number;
  intervalMs: number;
  lookbackMs: number;
  manifestCacheSize: number;
  logger: Logger;
}

function wholeNumber(
  field: string,
  value: unknown,
  fallback: number,
  min: number,
  max: number,
  fix: string,
): number {
  if (value === undefined) return fallback;
  if (typeof value !== "number" || !Number.isFinite(value) || value < min || value > max) {
    throw new DbtCloudSensorConfigError(
      field,
      `${JSON.stringify(value)} is not a number from ${min} to ${max}. ${fix}`,
    );
  }
  return value;
}

/** Checks every option before anything is sent; each error names the field and the fix. */
export function resolveSensorOptions(options: DbtCloudPollingSensorOptions): ResolvedSensorOptions {
  const ws = options?.workspace as Partial<DbtCloudWorkspace> | undefined;
  if (
    !ws ||
    typeof ws !== "object" ||
    !ws.client ||
    typeof ws.projectId !== "number" ||
    typeof ws.environmentId !== "number"
  ) {
    throw new DbtCloudSensorConfigError(
      "workspace",
      "is missing or not a DbtCloudWorkspace; pass new DbtCloudWorkspace({ credentials, projectId, environmentId }).",
    );
  }
  if (
    options.translator !== undefined &&
    typeof (options.translator as Partial<DbtCloudTranslator>)?.getAssetKey !== "function"
  ) {
    throw new DbtCloudSensorConfigError(
      "translator",
      "is not a DbtCloudTranslator instance (pass new DbtCloudTranslator(hooks)).",
    );
  }
  let jobIds: Set<number> | undefined;
  if (options.jobIds !== undefined) {
    if (!Array.isArray(options.jobIds) || options.jobIds.length === 0) {
      throw new DbtCloudSensorConfigError(
        "jobIds",
        "must be a non-empty array of job ids; leave it out to watch every job.",
      );
    }
    for (const id of options.jobIds) {
      if (typeof id !== "number" || !Number.isSafeInteger(id) || id <= 0) {
        throw new DbtCloudSensorConfigError(
          "jobIds",
          `${JSON.stringify(id)} is not a positive integer job id.`,
        );
      }
    }
    jobIds = new Set(options.jobIds);
  }
  if (options.includeAdhocRuns !== undefined && typeof options.includeAdhocRuns !== "boolean") {
    throw new DbtCloudSensorConfigError(
      "includeAdhocRuns",
      `${JSON.stringify(options.includeAdhocRuns)} is not true or false.`,
    );
  }
  const concurrency = wholeNumber(
    "concurrency",
    options.concurrency,
    8,
    1,
    64,
    "Use 1 for one run at a time.",
  );
  if (!Number.isInteger(concurrency))
    throw new DbtCloudSensorConfigError("concurrency", `${concurrency} is not a whole number.`);
  const overlap = wholeNumber(
    "overlapSeconds",
    options.overlapSeconds,
    300,
    0,
    7 * 86_400,
    "300 covers most late runs.",
  );
  const interval = wholeNumber(
    "minimumIntervalSeconds",
    options.minimumIntervalSeconds,
    30,
    1,
    86_400,
    "dbt Cloud allows 5,000 requests a minute per account; 30 is a good default.",
  );
  const lookback = wholeNumber("lookbackSeconds", options.lookbackSeconds, overlap, 0, 366 * 86_400, "");
  const cacheSize = wholeNumber("manifestCacheSize", options.manifestCacheSize, 16, 0, 256, "");
  if (!Number.isInteger(cacheSize))
    throw new DbtCloudSensorConfigError("manifestCacheSize", `${cacheSize} is not a whole number.`);
  return {
    workspace: options.workspace,
    translator: options.translator,
    jobIds,
    includeAdhocRuns: options.includeAdhocRuns ?? false,
    concurrency,
    overlapMs: Math.round(overlap * 1000),
    intervalMs: Math.round(interval * 1000),
    lookbackMs: Math.round(lookback * 1000),
    manifestCacheSize: cacheSize,
    logger: options.logger ?? options.workspace.logger ?? noopLogger,
  };
}
