import type { DbtGraphMember, DbtManifestNode, DbtSource, DbtUnitTest } from "../artifacts/manifest-types.js";
import { DbtSelectionError } from "./errors.js";
import { fnmatch, globMatcher, hasWildcard } from "./fnmatch.js";
import type { NodeSet } from "./node-set.js";
import { fileTable, makePathMatcher } from "./path-glob.js";
import { derived, type SelectionGraph } from "./selection-graph.js";

// Collection indexes, in GRAPH_COLLECTIONS order.
const NODES = 0;
const SOURCES = 1;
const EXPOSURES = 2;
const METRICS = 3;
const SEMANTIC_MODELS = 4;
const SAVED_QUERIES = 5;
const UNIT_TESTS = 6;
const FUNCTIONS = 7;

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
  test: (member: DbtGraphMember, index: number) => boolean,
): NodeSet {
  const out = new Uint8Array(graph.size);
  const { members, collection } = graph;
  for (let i = 0; i < graph.size; i += 1) {
    if (collections !== undefined && !collections.includes(collection[i] as number)) continue;
    if (test(members[i] as DbtGraphMember, i)) out[i] = 1;
  }
  return out;
}

interface FlatFqns {
  /** fqn segments split on dots (dots in names act as namespace separators). */
  flat: string[][];
  /** How many flat parts the first fqn segment (the package) contributes. */
  scope: Uint8Array;
}

export function flatFqns(graph: SelectionGraph): FlatFqns {
  return derived(graph, "flat-fqn", () => {
    const flat: string[][] = new Array(graph.size);
    const scope = new Uint8Array(graph.size);
    graph.members.forEach((member, i) => {
      const fqn: string[] = Array.isArray(member.fqn) ? member.fqn : [];
      scope[i] = 1;
      if (!fqn.some((segment) => String(segment).includes("."))) {
        flat[i] = fqn; // the common case: nothing to split, share the manifest's array
        return;
      }
      const parts: string[] = [];
      fqn.forEach((segment, s) => {
        const pieces = String(segment).split(".");
        parts.push(...pieces);
        if (s === 0) scope[i] = pieces.length;
      });
      flat[i] = parts;
    });
    return { flat, scope };
  });
}

/**
 * dbt's `is_selected_node`, tried on the fqn and on the fqn without its package (so `staging.orders` matches
 * across packages): the leaf name (or `name_vN` / `name.vN` for versioned models), else a dotted prefix of
 * the flattened fqn, where the first part with a wildcard matches the rest with fnmatch.
 */
const fqnSearch: Search = (value, { graph }) => {
  const selector = String(value);
  const nonSources = [NODES, EXPOSURES, METRICS, SEMANTIC_MODELS, SAVED_QUERIES, UNIT_TESTS, FUNCTIONS];
  if (selector === "*") return scan(graph, nonSources, () => true);
  const parts = selector.split(".");
  const wildcardAt = parts.findIndex(hasWildcard);
  const tailPattern = wildcardAt >= 0 ? parts.slice(wildcardAt).join(".") : "";
  const versionedTail = parts.slice(-2).join("_");
  const { flat, scope } = flatFqns(graph);
  const matchFrom = (
    fqn: readonly string[],
    from: number,
    versioned: boolean,
    flatParts: string[],
    flatFrom: number,
  ) => {
    const last = fqn.length - 1;
    if (last < from) return false;
    if (versioned && last - 1 >= from) {
      if (fqn[last - 1] === selector || `${fqn[last - 1]}_${fqn[last]}` === versionedTail) return true;
    } else if (fqn[last] === selector) return true;
    if (flatParts.length - flatFrom < parts.length) return false;
    for (let p = 0; p < parts.length; p += 1) {
      if (p === wildcardAt) {
        return tailPattern === "*" || fnmatch(flatParts.slice(flatFrom + p).join("."), tailPattern);
      }
      if (flatParts[flatFrom + p] !== parts[p]) return false;
    }
    return true;
  };
  return scan(graph, nonSources, (member, i) => {
    const fqn = Array.isArray(member.fqn) ? member.fqn : [];
    const versioned = member.version !== undefined && member.version !== null;
    const flatParts = flat[i] as string[];
    return (
      matchFrom(fqn, 0, versioned, flatParts, 0) ||
      matchFrom(fqn, 1, versioned, flatParts, scope[i] as number)
    );
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
    const pkgMatch = globMatcher(pkg);
    const nameMatch = globMatcher(name);
    return scan(context.graph, [collection], (m) => pkgMatch(m.package_name) && nameMatch(m.name));
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
  const [pkgMatch, sourceMatch, tableMatch] = [globMatcher(pkg), globMatcher(source), globMatcher(table)];
  return scan(
    context.graph,
    [SOURCES],
    (m) => pkgMatch(m.package_name) && sourceMatch((m as DbtSource).source_name) && tableMatch(m.name),
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
  const [pkgMatch, modelMatch, nameMatch] = [globMatcher(pkg), globMatcher(model), globMatcher(name)];
  return scan(
    context.graph,
    [UNIT_TESTS],
    (m) => pkgMatch(m.package_name) && modelMatch((m as DbtUnitTest).model ?? "") && nameMatch(m.name),
  );
};

/**
 * A member's tags as dbt's selector reads them (`node.tags`). A unit test's `tags` is a property over its
 * `config.tags` (a string is one tag), which the manifest writes in `config` only.
 */
function selectorTagsOf(member: DbtGraphMember, collection: number): readonly unknown[] {
  if (collection === UNIT_TESTS) {
    const configured = member.config?.tags;
    if (typeof configured === "string") return [configured];
    if (Array.isArray(configured)) return configured;
  }
  return Array.isArray(member.tags) ? member.tags : [];
}

const tagSearch: Search = (value, { graph }) => {
  const match = globMatcher(String(value));
  return scan(graph, undefined, (m, i) =>
    selectorTagsOf(m, graph.collection[i] as number).some((tag) => typeof tag === "string" && match(tag)),
  );
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

/**
 * dbt globs the root project's directory, so a node is selected when its file, its patch file or one of
 * its directories exists in the root project and matches: an installed package's `models/x.sql` is selected
 * by `path:models/x.sql` only when the root project has that file too (and by `path:models` when the root
 * project has a `models` directory), as in dbt.
 */
const pathSearch: Search = (value, { graph }) => {
  const table = fileTable(graph);
  const matcher = makePathMatcher(String(value));
  // The project root is the parent of everything (so `path:.` or `path:**` select all).
  const rootHit = matcher.dir([]);
  // A directory is hit when a root-project directory at or above it matches; parents come first.
  const dirHit = new Uint8Array(table.dirs.length);
  table.dirs.forEach((segments, d) => {
    const parent = table.dirParent[d] as number;
    const inherited = parent >= 0 ? dirHit[parent] === 1 : rootHit;
    dirHit[d] = inherited || (table.dirInRoot[d] === 1 && matcher.dir(segments)) ? 1 : 0;
  });
  const segmentsOf = (dir: number): readonly string[] => (dir < 0 ? [] : (table.dirs[dir] as string[]));
  return scan(graph, undefined, (_member, i) => {
    const name = table.fileName[i];
    if (name !== undefined) {
      const dir = table.fileDir[i] as number;
      if (dir >= 0 ? dirHit[dir] === 1 : rootHit) return true;
      if (table.fileInRoot[i] === 1 && matcher.file(segmentsOf(dir), name)) return true;
    }
    const patch = table.patchName[i];
    return (
      patch !== undefined &&
      table.patchInRoot[i] === 1 &&
      matcher.file(segmentsOf(table.patchDir[i] as number), patch)
    );
  });
};

const fileSearch: Search = (value, { graph }) => {
  const match = globMatcher(String(value));
  const { fileName, stem } = fileTable(graph);
  return scan(graph, undefined, (_member, i) => {
    const name = fileName[i];
    return name !== undefined && (match(name) || match(stem[i] as string));
  });
};

const packageSearch: Search = (value, context) => {
  let pattern = String(value);
  if (pattern === "this") {
    const project = context.graph.manifest.metadata?.project_name;
    if (typeof project !== "string") {
      throw new DbtSelectionError(
        `"${context.raw}": "package:this" needs metadata.project_name in the manifest, which this manifest lacks; name the package instead.`,
        { spec: context.raw, method: "package", value: "this" },
      );
    }
    pattern = project;
  }
  const match = globMatcher(pattern);
  return scan(context.graph, undefined, (m) => match(m.package_name));
};

function descend(config: unknown, path: readonly string[]): { found: boolean; value: unknown } {
  let value: unknown = config;
  for (const key of path) {
    // own keys only: `config.constructor.name` is not a dbt config
    if (typeof value !== "object" || value === null || !Object.hasOwn(value, key))
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
  const match = globMatcher(String(value));
  return scan(graph, [NODES], (m) => {
    const name = (m as DbtManifestNode).test_metadata?.name;
    return m.resource_type === "test" && typeof name === "string" && match(name);
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
  const search = Object.hasOwn(SELECTOR_METHODS, context.method)
    ? SELECTOR_METHODS[context.method]
    : undefined;
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
