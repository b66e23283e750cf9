import { type Logger, noopLogger } from "@dbt-cloud-kit/client";
import type { DbtIndirectSelection, DbtManifest } from "../artifacts/manifest-types.js";
import { cycleWarning } from "../graph/cycle-warning.js";
import { DbtSelectionError } from "./errors.js";
import { flatFqns, searchMethod } from "./methods.js";
import { difference, intersection, isEmpty, type NodeSet, sameSet, union, unionInto } from "./node-set.js";
import { fileTable } from "./path-glob.js";
import { GRAPH_COLLECTIONS, getSelectionGraph, type SelectionGraph, traverse } from "./selection-graph.js";
import {
  checkIndirectSelection,
  parseDefinition,
  parseUnion,
  type SelectionCriteria,
  type SelectionGroup,
  type SelectionSpec,
} from "./selection-spec.js";

export interface SelectUniqueIdsOptions {
  /**
   * dbt `--select` syntax; a string is split on whitespace (union) and commas (intersection), an array is
   * several `--select` values. Defaults to `fqn:*` when undefined or blank.
   */
  select?: string | readonly string[] | undefined;
  /** dbt `--exclude` syntax. Exclusion always expands eagerly to tests, as in dbt. */
  exclude?: string | readonly string[] | undefined;
  /** Name of a YAML selector in `manifest.selectors`; cannot be combined with `select` or `exclude`. */
  selector?: string | undefined;
  /** `--indirect-selection`; default `eager`. */
  indirectSelection?: DbtIndirectSelection | undefined;
  /** Keep only these resource types in the result (dbt's `--resource-type`). */
  resourceTypes?: readonly string[] | undefined;
  /** Drop these resource types from the result (dbt's `--exclude-resource-type`). */
  excludeResourceTypes?: readonly string[] | undefined;
  /** Receives a warning for each union member that matches nothing. */
  logger?: Logger | undefined;
}

const DEFAULT_SELECT = "fqn:*";
const SOURCES = GRAPH_COLLECTIONS.indexOf("sources");
const NODES = GRAPH_COLLECTIONS.indexOf("nodes");
const UNIT_TESTS = GRAPH_COLLECTIONS.indexOf("unit_tests");

interface Bundle {
  direct: NodeSet;
  /** For criteria: tests kept aside by cautious/buildable; for groups: direct plus those tests. */
  indirect: NodeSet;
}

interface Context {
  graph: SelectionGraph;
  logger: Logger;
}

function asList(value: string | readonly string[] | undefined): string[] {
  if (value === undefined) return [];
  return (typeof value === "string" ? [value] : [...value]).filter((item) => item.trim() !== "");
}

/**
 * The unique ids dbt would select for `--select` / `--exclude` / `--selector` on this manifest, with
 * dbt-core's semantics (graph operators, set operators, indirect test selection, YAML selectors).
 * Returns a `Set` whose iteration order is the manifest's order (nodes, sources, exposures, metrics,
 * semantic models, saved queries, unit tests, functions). Disabled resources are never selected.
 * The graph is built once per manifest object and cached, so repeated calls are cheap.
 */
export function selectUniqueIds(manifest: DbtManifest, options: SelectUniqueIdsOptions = {}): Set<string> {
  const indirect =
    options.indirectSelection === undefined
      ? "eager"
      : checkIndirectSelection(options.indirectSelection, "indirectSelection");
  const context: Context = { graph: preparedGraph(manifest), logger: options.logger ?? noopLogger };
  if (context.graph.cycle !== undefined) {
    context.logger.warn(cycleWarning(context.graph.cycle, "Selection"));
  }
  const spec = buildSpec(manifest, options, indirect);
  const { direct } = evaluate(spec, context);
  return toIds(context.graph, filterResourceTypes(context.graph, direct, options));
}

/**
 * The manifest's cached graph with the lookup tables the fqn, path and file methods use built up front,
 * so their cost is paid once with the graph instead of by the first selector that needs them.
 */
function preparedGraph(manifest: DbtManifest): SelectionGraph {
  const graph = getSelectionGraph(manifest);
  flatFqns(graph);
  fileTable(graph);
  return graph;
}

function buildSpec(
  manifest: DbtManifest,
  options: SelectUniqueIdsOptions,
  indirect: DbtIndirectSelection,
): SelectionSpec {
  const select = asList(options.select);
  const exclude = asList(options.exclude);
  const selectorName = options.selector?.trim() ?? "";
  if (selectorName !== "") {
    const customSelect = select.some((value) => value.trim() !== DEFAULT_SELECT);
    if (customSelect || exclude.length > 0) {
      throw new DbtSelectionError(
        `selector "${selectorName}" cannot be combined with select or exclude; put the whole selection in the YAML selector, or drop selector and use select/exclude.`,
        { spec: selectorName },
      );
    }
    return resolveSelector(manifest, selectorName, indirect, []);
  }
  const include = parseUnion(select.length === 0 ? [DEFAULT_SELECT] : select, indirect) as SelectionGroup;
  const excluded = parseUnion(exclude, "eager");
  if (excluded === undefined) return include;
  return {
    kind: "difference",
    components: [include, excluded],
    indirect: "eager",
    expectExists: false,
    raw: "",
  };
}

function resolveSelector(
  manifest: DbtManifest,
  name: string,
  indirect: DbtIndirectSelection,
  seen: readonly string[],
): SelectionSpec {
  const selectors = manifest.selectors ?? {};
  const definition = Object.hasOwn(selectors, name) ? selectors[name] : undefined;
  if (definition === undefined) {
    const available = Object.keys(selectors);
    throw new DbtSelectionError(
      `selector "${name}" is not defined in the manifest's selectors; ${available.length === 0 ? "the manifest defines none (add it to selectors.yml and re-parse)" : `defined selectors are ${available.join(", ")}`}.`,
      { spec: name, value: name, validValues: available },
    );
  }
  if (seen.includes(name)) {
    throw new DbtSelectionError(
      `selector "${name}" refers to itself through ${[...seen, name].join(" -> ")}.`,
      {
        spec: name,
      },
    );
  }
  const path = [...seen, name];
  return parseDefinition(
    definition.definition,
    indirect,
    (other, trail) => resolveSelector(manifest, other, indirect, trail),
    path,
    true,
  );
}

function evaluate(spec: SelectionSpec, context: Context): Bundle {
  return spec.kind === "criteria" ? evaluateCriteria(spec, context) : evaluateGroup(spec, context);
}

function evaluateCriteria(spec: SelectionCriteria, { graph }: Context): Bundle {
  const collected = searchMethod(spec.value, { graph, raw: spec.raw, method: spec.method, args: spec.args });
  const selected = Uint8Array.from(collected);
  if (spec.childrensParents) {
    const ancestorsFor = unionInto(traverse(graph, collected, "children"), collected);
    unionInto(selected, ancestorsFor);
    unionInto(selected, traverse(graph, ancestorsFor, "parents", spec.childrensParentsDepth));
  }
  if (spec.parents) unionInto(selected, traverse(graph, collected, "parents", spec.parentsDepth));
  if (spec.children) unionInto(selected, traverse(graph, collected, "children", spec.childrenDepth));
  if (spec.indirect === "empty") return { direct: selected, indirect: new Uint8Array(graph.size) };
  return expandToTests(graph, selected, spec.indirect);
}

function isIndirectlySelectable(graph: SelectionGraph, index: number): boolean {
  const collection = graph.collection[index];
  return (
    collection === UNIT_TESTS || (collection === NODES && graph.members[index]?.resource_type === "test")
  );
}

function allParentsIn(graph: SelectionGraph, index: number, set: NodeSet): boolean {
  if (graph.hasOutsideParent[index] === 1) return false;
  const end = graph.parentOffsets[index + 1] as number;
  for (let e = graph.parentOffsets[index] as number; e < end; e += 1) {
    if (set[graph.parents[e] as number] !== 1) return false;
  }
  return true;
}

/** dbt's `expand_selection`: tests (and unit tests) directly downstream of the selection. */
function expandToTests(graph: SelectionGraph, selected: NodeSet, mode: DbtIndirectSelection): Bundle {
  const direct = Uint8Array.from(selected);
  const indirect = new Uint8Array(graph.size);
  let selectedAndParents: NodeSet | undefined;
  if (mode === "buildable") {
    selectedAndParents = unionInto(traverse(graph, selected, "parents"), selected);
    for (let i = 0; i < graph.size; i += 1) if (graph.collection[i] === SOURCES) selectedAndParents[i] = 1;
  }
  for (let i = 0; i < graph.size; i += 1) {
    if (selected[i] !== 1) continue;
    const end = graph.childOffsets[i + 1] as number;
    for (let e = graph.childOffsets[i] as number; e < end; e += 1) {
      const child = graph.children[e] as number;
      if (!isIndirectlySelectable(graph, child)) continue;
      if (mode === "eager" || allParentsIn(graph, child, selected)) direct[child] = 1;
      else if (selectedAndParents !== undefined && allParentsIn(graph, child, selectedAndParents))
        direct[child] = 1;
      else indirect[child] = 1;
    }
  }
  return { direct, indirect };
}

function combine(kind: SelectionGroup["kind"], sets: NodeSet[], size: number): NodeSet {
  if (kind === "union") return union(sets, size);
  if (kind === "intersection") return intersection(sets, size);
  return difference(sets, size);
}

function evaluateGroup(spec: SelectionGroup, context: Context): Bundle {
  const { graph } = context;
  const bundles = spec.components.map((component) => evaluate(component, context));
  const directSets = bundles.map((bundle) => bundle.direct);
  const indirectSets = bundles.map((bundle) => union([bundle.direct, bundle.indirect], graph.size));
  const initialDirect = combine(spec.kind, directSets, graph.size);
  const indirectNodes = combine(spec.kind, indirectSets, graph.size);
  const direct = incorporateIndirect(graph, initialDirect, indirectNodes, spec.indirect);
  if (spec.expectExists && isEmpty(direct)) {
    context.logger.warn(`The selection criterion '${spec.raw}' does not match any enabled nodes`);
  }
  return { direct, indirect: indirectNodes };
}

/** dbt's `incorporate_indirect_nodes`: tests kept aside whose parents are now all selected. */
function incorporateIndirect(
  graph: SelectionGraph,
  direct: NodeSet,
  indirect: NodeSet,
  mode: DbtIndirectSelection,
): NodeSet {
  if ((mode !== "cautious" && mode !== "buildable") || sameSet(direct, indirect)) return direct;
  const selected = Uint8Array.from(direct);
  const reference =
    mode === "buildable" ? unionInto(traverse(graph, selected, "parents"), selected) : selected;
  for (let i = 0; i < graph.size; i += 1) {
    if (indirect[i] !== 1 || selected[i] === 1) continue;
    const collection = graph.collection[i];
    if (collection !== NODES && collection !== UNIT_TESTS) continue;
    if (allParentsIn(graph, i, reference)) selected[i] = 1;
  }
  return selected;
}

function filterResourceTypes(graph: SelectionGraph, set: NodeSet, options: SelectUniqueIdsOptions): NodeSet {
  const keep = options.resourceTypes;
  const drop = options.excludeResourceTypes;
  if ((keep === undefined || keep.length === 0) && (drop === undefined || drop.length === 0)) return set;
  const out = Uint8Array.from(set);
  for (let i = 0; i < graph.size; i += 1) {
    if (out[i] !== 1) continue;
    const type = graph.members[i]?.resource_type as string;
    if ((keep !== undefined && keep.length > 0 && !keep.includes(type)) || drop?.includes(type)) out[i] = 0;
  }
  return out;
}

function toIds(graph: SelectionGraph, set: NodeSet): Set<string> {
  const ids = new Set<string>();
  for (let i = 0; i < graph.size; i += 1) if (set[i] === 1) ids.add(graph.ids[i] as string);
  return ids;
}
