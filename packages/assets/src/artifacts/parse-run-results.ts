import {
  type DbtArtifactInput,
  describe,
  isObject,
  type JsonObject,
  type ReadArtifactOptions,
  readEnvelope,
  ShapeProblems,
  toJson,
} from "./read-envelope.js";
import type { DbtRunResults } from "./run-results-types.js";

/**
 * Reads a dbt `run_results.json` (schema v4–v6, dbt Fusion 2.x). Checks the envelope and each result's
 * `unique_id`, `status` and `timing`; a missing `timing` is filled with `[]` (the only change made).
 * Returns the parsed object itself, unknown fields kept.
 */
export function parseRunResults(input: DbtArtifactInput, options: ReadArtifactOptions = {}): DbtRunResults {
  const json = toJson(input, "run-results", options.fileName, options);
  const info = readEnvelope(json, "run-results", options);
  const runResults = json as JsonObject;
  const problems = new ShapeProblems();
  const results = runResults.results;
  if (!Array.isArray(results)) {
    problems.add(`results must be an array, got ${describe(results)}`);
  } else {
    for (let index = 0; index < results.length; index += 1) {
      const result: unknown = results[index];
      const path = `results[${index}]`;
      if (!isObject(result)) {
        problems.add(`${path} must be an object, got ${describe(result)}`);
        continue;
      }
      if (typeof result.unique_id !== "string") problems.add(`${path}.unique_id must be a string`);
      if (typeof result.status !== "string") problems.add(`${path}.status must be a string`);
      if (result.timing === undefined || result.timing === null) result.timing = [];
      else if (!Array.isArray(result.timing)) problems.add(`${path}.timing must be an array`);
    }
  }
  problems.throwIfAny(info, options);
  return runResults as DbtRunResults;
}
