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
import type { DbtSources } from "./sources-types.js";

/** Reads a dbt source freshness `sources.json` (schema v1–v3), checking each result's id and status. */
export function parseSourcesJson(input: DbtArtifactInput, options: ReadArtifactOptions = {}): DbtSources {
  const json = toJson(input, "sources", options.fileName, options);
  const info = readEnvelope(json, "sources", options);
  const sources = json as JsonObject;
  const problems = new ShapeProblems();
  const results = sources.results;
  if (!Array.isArray(results)) problems.add(`results must be an array, got ${describe(results)}`);
  else {
    results.forEach((result: unknown, index) => {
      if (!isObject(result)) problems.add(`results[${index}] must be an object, got ${describe(result)}`);
      else {
        if (typeof result.unique_id !== "string")
          problems.add(`results[${index}].unique_id must be a string`);
        if (typeof result.status !== "string") problems.add(`results[${index}].status must be a string`);
      }
    });
  }
  problems.throwIfAny(info, options);
  return sources as DbtSources;
}
