import type { DbtIndirectSelection, DbtSelectorExpression } from "../artifacts/manifest-types.js";
import { DbtSelectionError } from "./errors.js";
import { SELECTOR_METHODS } from "./methods.js";

export const INDIRECT_SELECTION_MODES: readonly DbtIndirectSelection[] = [
  "eager",
  "cautious",
  "buildable",
  "empty",
];

export type SelectorValue = string | number | boolean;

/** One selection criterion, e.g. `2+tag:nightly+` or a YAML `{ method, value, parents, … }`. */
export interface SelectionCriteria {
  kind: "criteria";
  raw: string;
  method: string;
  /** `config.materialized` -> `["materialized"]` */
  args: string[];
  value: SelectorValue;
  parents: boolean;
  parentsDepth: number | undefined;
  children: boolean;
  childrenDepth: number | undefined;
  childrensParents: boolean;
  childrensParentsDepth: number | undefined;
  indirect: DbtIndirectSelection;
}

export interface SelectionGroup {
  kind: "union" | "intersection" | "difference";
  components: SelectionSpec[];
  indirect: DbtIndirectSelection;
  /** A group that selects nothing is reported through the logger (dbt's `NoNodesForSelectionCriteria`). */
  expectExists: boolean;
  raw: string;
}

export type SelectionSpec = SelectionCriteria | SelectionGroup;

// dbt-core's spec grammar: [n@][n+][method[.arg…]:]value[+n]
const RAW_SELECTOR = /^(?:(\d*)@)?(?:(\d*)\+)?(?:([\w.]+):)?(.*?)(?:\+(\d*))?$/s;

export function checkIndirectSelection(value: unknown, where: string): DbtIndirectSelection {
  if (typeof value === "string" && (INDIRECT_SELECTION_MODES as readonly string[]).includes(value)) {
    return value as DbtIndirectSelection;
  }
  throw new DbtSelectionError(
    `${where}: indirect selection ${JSON.stringify(value)} is not valid; use one of ${INDIRECT_SELECTION_MODES.join(", ")}.`,
    { value: String(value), validValues: INDIRECT_SELECTION_MODES },
  );
}

/** dbt's default method for a value without `method:` — a path, a file name, or an fqn. */
function defaultMethod(value: string): string {
  if (value.includes("/") || value.includes("\\")) return "path";
  const lower = value.toLowerCase();
  if (lower.endsWith(".sql") || lower.endsWith(".py") || lower.endsWith(".csv")) return "file";
  return "fqn";
}

function parseMethod(
  rawMethod: string | undefined,
  value: string,
  raw: string,
): { method: string; args: string[] } {
  if (rawMethod === undefined || rawMethod === "") return { method: defaultMethod(value), args: [] };
  const [method = "", ...args] = rawMethod.split(".");
  if (!Object.hasOwn(SELECTOR_METHODS, method)) {
    throw new DbtSelectionError(
      `"${raw}": "${method}" is not a valid selector method; valid methods are ${Object.keys(SELECTOR_METHODS).join(", ")}.`,
      { spec: raw, method, validValues: Object.keys(SELECTOR_METHODS) },
    );
  }
  if (method === "config" && args.length === 0) {
    throw new DbtSelectionError(
      `"${raw}": the config method needs a key, e.g. "config.materialized:incremental".`,
      { spec: raw, method },
    );
  }
  return { method, args };
}

function toDepth(raw: string | undefined): number | undefined {
  return raw === undefined || raw === "" ? undefined : Number.parseInt(raw, 10);
}

/** Parses one criterion in CLI syntax, e.g. `+stg_orders`, `tag:nightly+1`, `@source:raw`. */
function parseCriteria(raw: string, indirect: DbtIndirectSelection): SelectionCriteria {
  const match = RAW_SELECTOR.exec(raw);
  if (match === null) throw new DbtSelectionError(`Invalid selector spec "${raw}".`, { spec: raw });
  const [, cpDepth, pDepth, rawMethod, value = "", cDepth] = match;
  const { method, args } = parseMethod(rawMethod, value, raw);
  const criteria: SelectionCriteria = {
    kind: "criteria",
    raw,
    method,
    args,
    value,
    childrensParents: cpDepth !== undefined,
    childrensParentsDepth: toDepth(cpDepth),
    parents: pDepth !== undefined,
    parentsDepth: toDepth(pDepth),
    children: cDepth !== undefined,
    childrenDepth: toDepth(cDepth),
    indirect,
  };
  if (criteria.children && criteria.childrensParents) {
    throw new DbtSelectionError(
      `Invalid selector spec "${raw}": the "@" prefix and "+" suffix are incompatible.`,
      {
        spec: raw,
      },
    );
  }
  return criteria;
}

/**
 * CLI `--select` / `--exclude` values: each string is split on whitespace into a union, each union member on
 * commas into an intersection. Returns `undefined` when there is nothing to select.
 */
export function parseUnion(
  values: readonly string[],
  indirect: DbtIndirectSelection,
): SelectionGroup | undefined {
  const members = values.flatMap((value) => value.split(/\s+/)).filter((token) => token !== "");
  if (members.length === 0) return undefined;
  return {
    kind: "union",
    raw: members.join(" "),
    indirect,
    expectExists: false,
    components: members.map((member) => ({
      kind: "intersection",
      raw: member,
      indirect,
      expectExists: true,
      components: member
        .split(",")
        .filter((part) => part !== "")
        .map((part) => parseCriteria(part, indirect)),
    })),
  };
}

type SelectorLookup = (name: string, seen: readonly string[]) => SelectionSpec;

/** Parses a YAML selector definition (as stored in `manifest.selectors[name].definition`). */
export function parseDefinition(
  definition: DbtSelectorExpression,
  indirect: DbtIndirectSelection,
  lookup: SelectorLookup,
  seen: readonly string[],
  rootLevel = false,
): SelectionSpec {
  const where = `selector "${seen[seen.length - 1] ?? "?"}"`;
  if (typeof definition === "string") return parseCriteria(definition, indirect);
  if (typeof definition !== "object" || definition === null || Array.isArray(definition)) {
    throw new DbtSelectionError(
      `${where}: a definition must be a string or a mapping, got ${JSON.stringify(definition)}.`,
    );
  }
  const keys = Object.keys(definition);
  const has = (key: string) => Object.hasOwn(definition, key);
  if (rootLevel && (has("union") || has("intersection")) && keys.length > 1) {
    throw new DbtSelectionError(
      `${where}: only a single "union" or "intersection" key is allowed at the root of a definition; found ${keys.join(", ")}.`,
    );
  }
  for (const operator of ["union", "intersection"] as const) {
    const parts = has(operator) ? definition[operator] : undefined;
    if (parts === undefined) continue;
    if (!Array.isArray(parts)) throw new DbtSelectionError(`${where}: "${operator}" must be a list.`);
    let exclude: SelectionSpec | undefined;
    const include: SelectionSpec[] = [];
    for (const part of parts) {
      if (typeof part === "object" && part !== null && Object.hasOwn(part, "exclude")) {
        if (exclude !== undefined) {
          throw new DbtSelectionError(`${where}: only one "exclude" is allowed per "${operator}".`);
        }
        exclude = parseExclusions(part.exclude, indirect, lookup, seen, where);
      } else include.push(parseDefinition(part, indirect, lookup, seen));
    }
    const group: SelectionGroup = {
      kind: operator,
      components: include,
      indirect: "eager",
      expectExists: false,
      raw: where,
    };
    return exclude === undefined ? group : difference(group, exclude, where);
  }
  return parseDictDefinition(definition, indirect, lookup, seen, where);
}

function parseDictDefinition(
  definition: Record<string, unknown>,
  indirect: DbtIndirectSelection,
  lookup: SelectorLookup,
  seen: readonly string[],
  where: string,
): SelectionSpec {
  const keys = Object.keys(definition);
  let dict: Record<string, unknown>;
  let exclude: SelectionSpec | undefined;
  if (keys.length === 1) {
    const method = keys[0] as string;
    dict = { method, value: definition[method] };
  } else if (definition.method === "selector") {
    if (typeof definition.value !== "string") {
      throw new DbtSelectionError(
        `${where}: "method: selector" needs the name of another selector as value.`,
      );
    }
    return lookup(definition.value, seen);
  } else if (Object.hasOwn(definition, "method") && Object.hasOwn(definition, "value")) {
    dict = { ...definition };
    if (Object.hasOwn(definition, "exclude")) {
      exclude = parseExclusions(definition.exclude, indirect, lookup, seen, where);
      delete dict.exclude;
    }
  } else {
    throw new DbtSelectionError(
      `${where}: expected either one key or "method" and "value" keys, got ${keys.join(", ") || "no keys"}.`,
    );
  }
  if (dict.method === "selector") return lookup(String(dict.value), seen);
  const base = criteriaFromDict(dict, indirect, where);
  return exclude === undefined ? base : difference(base, exclude, where);
}

function criteriaFromDict(
  dict: Record<string, unknown>,
  indirect: DbtIndirectSelection,
  where: string,
): SelectionCriteria {
  const value = dict.value;
  if (typeof value !== "string" && typeof value !== "number" && typeof value !== "boolean") {
    throw new DbtSelectionError(
      `${where}: "value" must be a string, number or boolean, got ${JSON.stringify(value)}.`,
    );
  }
  const rawMethod = String(dict.method);
  const raw = `${rawMethod}:${String(value)}`;
  const { method, args } = parseMethod(rawMethod, String(value), raw);
  const depth = (key: string): number | undefined => {
    const v = dict[key];
    if (v === undefined || v === null || v === "") return undefined;
    const n = typeof v === "number" ? v : Number.parseInt(String(v), 10);
    if (!Number.isInteger(n) || n < 0) {
      throw new DbtSelectionError(
        `${where}: "${key}" must be a non-negative integer, got ${JSON.stringify(v)}.`,
      );
    }
    return n;
  };
  const criteria: SelectionCriteria = {
    kind: "criteria",
    raw,
    method,
    args,
    value,
    parents: Boolean(dict.parents),
    parentsDepth: depth("parents_depth"),
    children: Boolean(dict.children),
    childrenDepth: depth("children_depth"),
    childrensParents: Boolean(dict.childrens_parents),
    childrensParentsDepth: depth("childrens_parents_depth"),
    indirect:
      dict.indirect_selection === undefined || dict.indirect_selection === null
        ? indirect
        : checkIndirectSelection(dict.indirect_selection, where),
  };
  if (criteria.children && criteria.childrensParents) {
    throw new DbtSelectionError(`${where}: "children" and "childrens_parents" are incompatible.`);
  }
  return criteria;
}

function parseExclusions(
  exclusions: unknown,
  indirect: DbtIndirectSelection,
  lookup: SelectorLookup,
  seen: readonly string[],
  where: string,
): SelectionSpec | undefined {
  if (!Array.isArray(exclusions)) throw new DbtSelectionError(`${where}: "exclude" must be a list.`);
  const parsed = exclusions.map((item: DbtSelectorExpression) =>
    parseDefinition(item, indirect, lookup, seen),
  );
  if (parsed.length === 0) return undefined;
  if (parsed.length === 1) return parsed[0];
  return { kind: "union", components: parsed, indirect: "eager", expectExists: false, raw: where };
}

function difference(base: SelectionSpec, exclude: SelectionSpec | undefined, where: string): SelectionSpec {
  if (exclude === undefined) return base;
  return {
    kind: "difference",
    components: [base, exclude],
    indirect: "eager",
    expectExists: false,
    raw: where,
  };
}
