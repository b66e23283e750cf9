import type { DbtManifest } from "./manifest-types.js";
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

const REQUIRED_MAPS = ["nodes", "sources"] as const;
const OPTIONAL_MEMBER_MAPS = [
  "exposures",
  "metrics",
  "semantic_models",
  "saved_queries",
  "unit_tests",
  "functions",
] as const;
const OPTIONAL_ID_LIST_MAPS = ["parent_map", "child_map", "group_map"] as const;

/**
 * Reads a dbt `manifest.json` (schema v6–v12, dbt Fusion 2.x). Checks the envelope and the fields the
 * toolkit relies on (ids, names, resource types, fqn, package, tags, `depends_on.nodes`, selectors), not
 * every field, so it costs little more than `JSON.parse`. Returns the parsed object itself: unknown
 * fields are kept, nothing is copied.
 */
export function parseManifest(input: DbtArtifactInput, options: ReadArtifactOptions = {}): DbtManifest {
  const json = toJson(input, "manifest", options.fileName, options);
  const info = readEnvelope(json, "manifest", options);
  const manifest = json as JsonObject;
  const problems = new ShapeProblems();

  for (const name of REQUIRED_MAPS) {
    const map = manifest[name];
    if (!isObject(map)) problems.add(`${name} must be an object, got ${describe(map)}`);
    else checkMembers(map, name, problems);
  }
  for (const name of OPTIONAL_MEMBER_MAPS) {
    const map = manifest[name];
    if (map === undefined || map === null) continue;
    if (!isObject(map)) problems.add(`${name} must be an object when present, got ${describe(map)}`);
    else checkMembers(map, name, problems);
  }
  for (const name of OPTIONAL_ID_LIST_MAPS) {
    const map = manifest[name];
    if (map === undefined || map === null) continue;
    if (!isObject(map)) problems.add(`${name} must be an object when present, got ${describe(map)}`);
    else if (name === "child_map") {
      // child_map is read as is (when present); parent_map and group_map are not relied on.
      for (const id in map) {
        if (!Array.isArray(map[id])) problems.add(`${key(name, id)} must be an array of unique ids`);
      }
    }
  }
  checkSelectors(manifest.selectors, problems);
  if (manifest.disabled !== undefined && manifest.disabled !== null && !isObject(manifest.disabled)) {
    problems.add(`disabled must be an object when present, got ${describe(manifest.disabled)}`);
  }
  problems.throwIfAny(info, options);
  return manifest as DbtManifest;
}

function checkMembers(map: JsonObject, mapName: string, problems: ShapeProblems): void {
  for (const id in map) {
    const member = map[id];
    const path = key(mapName, id);
    if (!isObject(member)) {
      problems.add(`${path} must be an object, got ${describe(member)}`);
      continue;
    }
    if (member.unique_id !== id) {
      problems.add(`${path}.unique_id must equal its key, got ${JSON.stringify(member.unique_id)}`);
    }
    if (typeof member.name !== "string") problems.add(`${path}.name must be a string`);
    if (typeof member.resource_type !== "string") problems.add(`${path}.resource_type must be a string`);
    if (typeof member.package_name !== "string") problems.add(`${path}.package_name must be a string`);
    if (!Array.isArray(member.fqn)) problems.add(`${path}.fqn must be an array of strings`);
    if (member.tags !== undefined && !Array.isArray(member.tags)) {
      problems.add(`${path}.tags must be an array of strings`);
    }
    if (member.config !== undefined && member.config !== null && !isObject(member.config)) {
      problems.add(`${path}.config must be an object`);
    }
    const dependsOn = member.depends_on;
    if (dependsOn !== undefined && dependsOn !== null) {
      if (!isObject(dependsOn)) problems.add(`${path}.depends_on must be an object`);
      else if (dependsOn.nodes !== undefined && !Array.isArray(dependsOn.nodes)) {
        problems.add(`${path}.depends_on.nodes must be an array of unique ids`);
      }
    }
  }
}

function checkSelectors(selectors: unknown, problems: ShapeProblems): void {
  if (selectors === undefined || selectors === null) return;
  if (!isObject(selectors)) {
    problems.add(`selectors must be an object when present, got ${describe(selectors)}`);
    return;
  }
  for (const name in selectors) {
    const selector = selectors[name];
    if (!isObject(selector)) problems.add(`${key("selectors", name)} must be an object`);
    else if (!isObject(selector.definition) && typeof selector.definition !== "string") {
      problems.add(`${key("selectors", name)}.definition must be an object or a string`);
    }
  }
}
