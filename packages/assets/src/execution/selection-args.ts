import type { DbtManifest } from "../artifacts/manifest-types.js";
import { DbtCloudAssetsError } from "../errors/dbt-cloud-assets-error.js";
import { ownValue } from "../records/own-value.js";
import { selectUniqueIds } from "../selection/select-unique-ids.js";
import { type AssetKey, assetKeyToString, checkKeyToString } from "../specs/asset-key.js";
import type { DbtSpecs } from "../specs/types.js";

/** The selection an assets definition was built with. */
export interface DefinitionSelection {
  select: string;
  exclude: string;
  selector: string;
  /** `--indirect-selection` for full (not subset) runs; dbt's default (eager) when unset. */
  indirectSelection?: "eager" | "cautious" | "buildable" | "empty";
}

/** Which assets and checks of the definition one execution should run. */
export interface ExecutionSubset {
  /** Asset keys (arrays or their `a/b` string form). */
  assetKeys?: Iterable<AssetKey | string>;
  /** Checks as `{ asset, name }` or their `a/b:name` string form. */
  checkKeys?: Iterable<{ asset: AssetKey; name: string } | string>;
}

/** The chosen unique ids of a subset, and whether it is the whole definition. */
export interface ResolvedSubset {
  full: boolean;
  assetUniqueIds: string[];
  checkUniqueIds: string[];
  assetKeys: Set<string>;
  checkKeys: Set<string>;
}

/** Thrown when a subset names an asset or check the definition does not have. */
export class DbtSubsetError extends DbtCloudAssetsError {
  override readonly name: string = "DbtSubsetError";
}

export function resolveSubset(specs: DbtSpecs, subset: ExecutionSubset | undefined): ResolvedSubset {
  const allAssets = new Map(specs.assetSpecs.map((s) => [assetKeyToString(s.key), s.uniqueId]));
  const allChecks = new Map(specs.checkSpecs.map((c) => [checkKeyToString(c.asset, c.name), c.uniqueId]));
  if (!subset) {
    return {
      full: true,
      assetUniqueIds: [...allAssets.values()],
      checkUniqueIds: [...allChecks.values()],
      assetKeys: new Set(allAssets.keys()),
      checkKeys: new Set(allChecks.keys()),
    };
  }
  const assetKeys = new Set<string>();
  for (const key of subset.assetKeys ?? []) {
    const text = typeof key === "string" ? key : assetKeyToString(key);
    if (!allAssets.has(text)) {
      throw new DbtSubsetError(
        `subset.assetKeys: "${text}" is not an asset of this definition. Use keys from assetSpecs (e.g. "${firstOf(allAssets) ?? "schema/model"}").`,
      );
    }
    assetKeys.add(text);
  }
  const checkKeys = new Set<string>();
  for (const key of subset.checkKeys ?? []) {
    const text = typeof key === "string" ? key : checkKeyToString(key.asset, key.name);
    if (!allChecks.has(text)) {
      throw new DbtSubsetError(
        `subset.checkKeys: "${text}" is not a check of this definition. Use "<asset key>:<check name>" from checkSpecs.`,
      );
    }
    checkKeys.add(text);
  }
  return {
    full: assetKeys.size === allAssets.size && checkKeys.size === allChecks.size,
    assetUniqueIds: [...assetKeys].map((k) => allAssets.get(k) as string),
    checkUniqueIds: [...checkKeys].map((k) => allChecks.get(k) as string),
    assetKeys,
    checkKeys,
  };
}

function firstOf(map: Map<string, string>): string | undefined {
  for (const key of map.keys()) return key;
  return undefined;
}

/**
 * dbt flags for one execution. The whole definition: its own `--select` / `--exclude` /
 * `--selector`. A subset: every chosen asset and test by `fqn:` and `--indirect-selection empty`, so
 * dbt runs exactly those nodes and no other test sneaks in.
 */
export function selectionArgs(
  manifest: DbtManifest,
  definition: DefinitionSelection,
  subset: ResolvedSubset,
): string[] {
  if (subset.full) {
    const args: string[] = [];
    if (definition.selector) {
      args.push("--selector", definition.selector);
    } else {
      args.push("--select", definition.select || "fqn:*");
      if (definition.exclude) args.push("--exclude", definition.exclude);
    }
    if (definition.indirectSelection) args.push("--indirect-selection", definition.indirectSelection);
    return args;
  }
  const wanted = [...subset.assetUniqueIds, ...subset.checkUniqueIds];
  if (wanted.length === 0) {
    throw new DbtSubsetError("subset: no assets and no checks chosen; there is nothing to run.");
  }
  const select = wanted.map((id) => fqnSelector(manifest, id)).join(" ");
  // An fqn selector also matches nodes whose fqn extends it (a model in a folder named like another
  // model): check with dbt's semantics and exclude such extras, so the run is exactly the subset.
  const selected = selectUniqueIds(manifest, { select, indirectSelection: "empty" });
  const wantedSet = new Set(wanted);
  const extras = [...selected].filter((id) => !wantedSet.has(id));
  if (extras.length === 0) return ["--select", select, "--indirect-selection", "empty"];
  const exclude = extras.map((id) => fqnSelector(manifest, id)).join(" ");
  const exact = selectUniqueIds(manifest, { select, exclude, indirectSelection: "empty" });
  if (exact.size !== wantedSet.size || wanted.some((id) => !exact.has(id))) {
    throw new DbtSubsetError(
      `subset: dbt's fqn selection cannot express exactly these nodes (${wanted.slice(0, 5).join(", ")}…); ` +
        "run the whole definition, or choose a subset without nodes nested under another's fqn.",
    );
  }
  return ["--select", select, "--exclude", exclude, "--indirect-selection", "empty"];
}

function fqnSelector(manifest: DbtManifest, uniqueId: string): string {
  const fqn = ownValue(manifest.nodes, uniqueId)?.fqn;
  if (fqn && fqn.length > 0) return `fqn:${fqn.join(".")}`;
  return `fqn:${uniqueId.split(".").slice(1).join(".")}`;
}
