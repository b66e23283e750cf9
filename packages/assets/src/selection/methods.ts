import type { DbtGraphMember, DbtManifestNode, DbtSource, DbtUnitTest } from "../artifacts/manifest-types.js";
import { DbtSelectionError } from "./errors.js";
import { fnmatch, hasWildcard } from "./fnmatch.js";
import type { NodeSet } from "./node-set.js";
import { makePathMatcher } from "./path-glob.js";
import type { SelectionGraph } from "./selection-graph.js";

// Collection indexes, in GRAPH_COLLECTIONS order.
const NODES = 0;
const SOURCES = 1;
const EXPOSURES = 2;
const METRICS = 3;
const SEMANTIC_MODELS = 4;
const SAVED_QUERIES = 5;
const UNIT_TESTS = 6;

export interface MethodContext {
  graph: SelectionGraph;
  /** The criterion as written, for error messages. */
  raw: string;
  method: string;
  args: readonly string[];
}

type SelectorValue = string | number | boolean;
type Search = (value: SelectorValue, context: MethodContext) => NodeSet;

export const RESOURCE_TYPES = [
  "model",
  "analysis",
  "test",
  "snapshot",
  "operation",
  "seed",
  "rpc",
  "sql_operation",
  "doc",
  "source",
  "macro",
  "exposure",
  "metric",
  "group",
  "saved_query",
  "semantic_model",
  "unit_test",
  "fixture",
  "function",
] as const;

const TEST_TYPES = ["generic", "singular", "data", "unit", "schema"] as const;
const VERSION_SELECTORS = ["latest", "prerelease", "old", "none"] as const;
const ACCESS_LEVELS = ["public", "protected", "private"] as const;

function invalidValue(
  context: MethodContext,
  value: SelectorValue,
  valid: readonly string[],
  hint = "",
): never {
  throw new DbtSelectionError(
    `"${context.raw}": ${JSON.stringify(String(value))} is not a valid value for the ${context.method} method${hint}; valid values are ${valid.join(", ")}.`,
    { spec: context.raw, method: context.method, value: String(value), validValues: valid },
  );
}

/** Marks every member of the given collections (all when `collections` is undefined) that passes `test`. */
function scan(
  graph: SelectionGraph,
  collections: readonly number[] | undefined,
  test: (member: DbtGraphMember) => boolean,
): NodeSet {
  const out = new Uint8Array(graph.size);
  const { members, collection } = graph;
  for (let i = 0; i < graph.size; i += 1) {
    if (collections !== undefined && !collections.includes(collection[i] as number)) continue;
    if (test(members[i] as DbtGraphMember)) out[i] = 1;
  }
  return out;
}

function isSelectedNode(fqn: readonly string[], selector: string, versioned: boolean): boolean {
  const n = fqn.length;
  if (n === 0) return false;
  if (versioned && n >= 2) {
    if (fqn[n - 2] === selector) return true;
    if (`${fqn[n - 2]}_${fqn[n - 1]}` === selector.split(".").slice(-2).join("_")) return true;
  } else if (fqn[n - 1] === selector) return true;
  // Dots inside fqn segments (e.g. versioned names) act as namespace separators.
  const flat = fqn.flatMap((segment) => segment.split("."));
  const parts = selector.split(".");
  if (flat.length < parts.length) return false;
  for (let i = 0; i < parts.length; i += 1) {
    const part = parts[i] as string;
    if (hasWildcard(part)) return fnmatch(flat.slice(i).join("."), parts.slice(i).join("."));
    if (flat[i] !== part) return false;
  }
  return true;
}

const fqnSearch: Search = (value, { graph }) => {
  const selector = String(value);
  const nonSources = [NODES, EXPOSURES, METRICS, SEMANTIC_MODELS, SAVED_QUERIES, UNIT_TESTS, 7];
  if (selector === "*") return scan(graph, nonSources, () => true);
  return scan(graph, nonSources, (member) => {
    const fqn = Array.isArray(member.fqn) ? member.fqn : [];
    const versioned = member.version !== undefined && member.version !== null;
    return isSelectedNode(fqn, selector, versioned) || isSelectedNode(fqn.slice(1), selector, versioned);
  });
};

function dottedName(
  context: MethodContext,
  value: SelectorValue,
  forms: readonly string[],
): { parts: string[]; count: number } {
  const parts = String(value).split(".");
  if (parts.length > forms.length) {
    throw new DbtSelectionError(
      `"${context.raw}": invalid ${context.method} selector value ${JSON.stringify(String(value))}; use ${forms.join(", or ")}.`,
      { spec: context.raw, method: context.method, value: String(value), validValues: forms },
    );
  }
  return { parts, count: parts.length };
}

function namedIn(collection: number, label: string): Search {
  return (value, context) => {
    const { parts } = dottedName(context, value, [`${label}_name`, `package_name.${label}_name`]);
    const [pkg, name] = parts.length === 1 ? ["*", parts[0] as string] : (parts as [string, string]);
    return scan(context.graph, [collection], (m) => fnmatch(m.package_name, pkg) && fnmatch(m.name, name));
  };
}

const sourceSearch: Search = (value, context) => {
  const { parts } = dottedName(context, value, [
    "source_name",
    "source_name.table_name",
    "package_name.source_name.table_name",
  ]);
  const [pkg, source, table] =
    parts.length === 1
      ? ["*", parts[0] as string, "*"]
      : parts.length === 2
        ? ["*", parts[0] as string, parts[1] as string]
        : (parts as [string, string, string]);
  return scan(
    context.graph,
    [SOURCES],
    (m) =>
      fnmatch(m.package_name, pkg) && fnmatch((m as DbtSource).source_name, source) && fnmatch(m.name, table),
  );
};

const unitTestSearch: Search = (value, context) => {
  const { parts } = dottedName(context, value, [
    "unit_test_name",
    "model_name.unit_test_name",
    "package_name.model_name.unit_test_name",
  ]);
  const [pkg, model, name] =
    parts.length === 1
      ? ["*", "*", parts[0] as string]
      : parts.length === 2
        ? ["*", parts[0] as string, parts[1] as string]
        : (parts as [string, string, string]);
  return scan(
    context.graph,
    [UNIT_TESTS],
    (m) =>
      fnmatch(m.package_name, pkg) && fnmatch((m as DbtUnitTest).model ?? "", model) && fnmatch(m.name, name),
  );
};

const tagSearch: Search = (value, { graph }) => {
  const pattern = String(value);
  return scan(graph, undefined, (m) => Array.isArray(m.tags) && m.tags.some((tag) => fnmatch(tag, pattern)));
};

const groupSearch: Search = (value, { graph }) =>
  scan(
    graph,
    [NODES, METRICS, SEMANTIC_MODELS, SAVED_QUERIES],
    (m) => (m.config?.group ?? m.group) === String(value),
  );

const accessSearch: Search = (value, context) => {
  if (!(ACCESS_LEVELS as readonly string[]).includes(String(value)))
    invalidValue(context, value, ACCESS_LEVELS);
  return scan(context.graph, [NODES], (m) => m.resource_type === "model" && m.access === String(value));
};

const pathSearch: Search = (value, { graph }) => {
  const matches = makePathMatcher(String(value));
  return scan(graph, undefined, (m) => {
    const file = m.original_file_path ?? m.path;
    if (typeof file === "string" && matches.fileOrParents(file)) return true;
    const patch = m.patch_path;
    if (typeof patch === "string" && patch.includes("://"))
      return matches.file(patch.split("://")[1] as string);
    return false;
  });
};

const fileSearch: Search = (value, { graph }) => {
  const pattern = String(value);
  return scan(graph, undefined, (m) => {
    const file = m.original_file_path ?? m.path;
    if (typeof file !== "string") return false;
    const name = file.slice(file.lastIndexOf("/") + 1);
    const dot = name.lastIndexOf(".");
    const stem = dot > 0 ? name.slice(0, dot) : name;
    return fnmatch(name, pattern) || fnmatch(stem, pattern);
  });
};

const packageSearch: Search = (value, context) => {
  let pattern = String(value);
  if (pattern === "this") {
    const project = context.graph.manifest.metadata.project_name;
    if (typeof project !== "string") {
      throw new DbtSelectionError(
        `"${context.raw}": "package:this" needs metadata.project_name in the manifest, which this manifest lacks; name the package instead.`,
        { spec: context.raw, method: "package", value: "this" },
      );
    }
    pattern = project;
  }
  return scan(context.graph, undefined, (m) => fnmatch(m.package_name, pattern));
};

function descend(config: unknown, path: readonly string[]): { found: boolean; value: unknown } {
  let value: unknown = config;
  for (const key of path) {
    if (typeof value !== "object" || value === null || !(key in value))
      return { found: false, value: undefined };
    value = (value as Record<string, unknown>)[key];
  }
  return { found: true, value };
}

const configSearch: Search = (value, context) => {
  const caseInsensitive = context.args.length === 1 && context.args[0] === "severity";
  const text = String(value);
  const upper = text.toUpperCase();
  const equals = (candidate: unknown): boolean => {
    if (caseInsensitive && typeof candidate === "string") return candidate.toUpperCase() === upper;
    if (candidate === value) return true;
    if (upper === "TRUE") return candidate === true;
    if (upper === "FALSE") return candidate === false;
    return false;
  };
  return scan(context.graph, [NODES, SOURCES], (m) => {
    const { found, value: configured } = descend(m.config, context.args);
    if (!found) return false;
    return Array.isArray(configured) ? configured.some(equals) : equals(configured);
  });
};

const testNameSearch: Search = (value, { graph }) => {
  const pattern = String(value);
  return scan(graph, [NODES], (m) => {
    const name = (m as DbtManifestNode).test_metadata?.name;
    return m.resource_type === "test" && typeof name === "string" && fnmatch(name, pattern);
  });
};

const testTypeSearch: Search = (value, context) => {
  const type = String(value);
  const isGeneric = (m: DbtGraphMember): boolean =>
    m.resource_type === "test" && (m as DbtManifestNode).test_metadata != null;
  switch (type) {
    case "generic":
    case "schema":
      return scan(context.graph, [NODES], isGeneric);
    case "singular":
      return scan(context.graph, [NODES], (m) => m.resource_type === "test" && !isGeneric(m));
    case "data":
      return scan(context.graph, [NODES], (m) => m.resource_type === "test");
    case "unit":
      return scan(context.graph, [UNIT_TESTS], () => true);
    default:
      return invalidValue(context, value, TEST_TYPES);
  }
};

const resourceTypeSearch: Search = (value, context) => {
  const type = String(value);
  if (!(RESOURCE_TYPES as readonly string[]).includes(type)) invalidValue(context, value, RESOURCE_TYPES);
  return scan(context.graph, undefined, (m) => m.resource_type === type);
};

function compareVersions(a: string | number, b: string | number): number {
  const na = Number(a);
  const nb = Number(b);
  if (!Number.isNaN(na) && !Number.isNaN(nb)) return na - nb;
  const sa = String(a);
  const sb = String(b);
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

const versionSearch: Search = (value, context) => {
  const kind = String(value);
  if (!(VERSION_SELECTORS as readonly string[]).includes(kind))
    invalidValue(context, value, VERSION_SELECTORS);
  return scan(context.graph, [NODES], (m) => {
    if (m.resource_type !== "model") return false;
    const { version, latest_version: latest } = m as DbtManifestNode;
    const has = (v: unknown): v is string | number => v !== undefined && v !== null && v !== "";
    if (kind === "none") return !has(version);
    if (!has(version)) return false;
    if (kind === "latest") return has(latest) && compareVersions(version, latest) === 0;
    if (!has(latest)) return false;
    const order = compareVersions(version, latest);
    return kind === "prerelease" ? order > 0 : order < 0;
  });
};

function needsState(method: string): Search {
  return (_value, context) => {
    throw new DbtSelectionError(
      `"${context.raw}": the ${method} method compares against previous-run artifacts (dbt's --state), which selectUniqueIds does not take; select by name, tag or path instead.`,
      { spec: context.raw, method },
    );
  };
}

/** Every method dbt's `--select` understands, by name. */
export const SELECTOR_METHODS: Readonly<Record<string, Search>> = {
  fqn: fqnSearch,
  tag: tagSearch,
  group: groupSearch,
  access: accessSearch,
  source: sourceSearch,
  path: pathSearch,
  file: fileSearch,
  package: packageSearch,
  config: configSearch,
  test_name: testNameSearch,
  test_type: testTypeSearch,
  resource_type: resourceTypeSearch,
  exposure: namedIn(EXPOSURES, "exposure"),
  metric: namedIn(METRICS, "metric"),
  semantic_model: namedIn(SEMANTIC_MODELS, "semantic_model"),
  saved_query: namedIn(SAVED_QUERIES, "saved_query"),
  unit_test: unitTestSearch,
  version: versionSearch,
  state: needsState("state"),
  result: needsState("result"),
  source_status: needsState("source_status"),
};

/** Runs a method, memoised per graph (method results do not depend on anything but the manifest). */
export function searchMethod(value: SelectorValue, context: MethodContext): NodeSet {
  const key = `${context.method}\u0000${context.args.join(".")}\u0000${typeof value}\u0000${String(value)}`;
  const cached = context.graph.methodCache.get(key);
  if (cached !== undefined) return cached;
  const search = SELECTOR_METHODS[context.method];
  if (search === undefined) {
    throw new DbtSelectionError(
      `"${context.raw}": "${context.method}" is not a valid selector method; valid methods are ${Object.keys(SELECTOR_METHODS).join(", ")}.`,
      { spec: context.raw, method: context.method, validValues: Object.keys(SELECTOR_METHODS) },
    );
  }
  const result = search(value, context);
  if (context.graph.methodCache.size > 500) context.graph.methodCache.clear();
  context.graph.methodCache.set(key, result);
  return result;
}
