import type { DbtCatalog } from "./catalog-types.js";
import {
  type DbtArtifactInput,
  describe,
  isObject,
  type JsonObject,
  key,
  type ReadArtifactOptions,
  readEnvelope,
  ShapeProblems,
  toJson,
} from "./read-envelope.js";

/** Reads a dbt `catalog.json` (schema v1), checking each table's `metadata` and `columns`. */
export function parseCatalog(input: DbtArtifactInput, options: ReadArtifactOptions = {}): DbtCatalog {
  const json = toJson(input, "catalog", options.fileName, options);
  const info = readEnvelope(json, "catalog", options);
  const catalog = json as JsonObject;
  const problems = new ShapeProblems();
  for (const name of ["nodes", "sources"] as const) {
    const map = catalog[name];
    if (!isObject(map)) {
      problems.add(`${name} must be an object, got ${describe(map)}`);
      continue;
    }
    for (const id in map) {
      const table = map[id];
      const path = key(name, id);
      if (!isObject(table)) problems.add(`${path} must be an object`);
      else {
        if (!isObject(table.metadata)) problems.add(`${path}.metadata must be an object`);
        if (!isObject(table.columns)) problems.add(`${path}.columns must be an object`);
      }
    }
  }
  problems.throwIfAny(info, options);
  return catalog as DbtCatalog;
}
