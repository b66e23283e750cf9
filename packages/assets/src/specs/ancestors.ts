import {
  type DbtResourceProps,
  findResource,
  isEphemeral,
  type ManifestLike,
  REFABLE_RESOURCE_TYPES,
  resourceTypeOf,
} from "./resource-props.js";

/** Resource types that are never assets themselves and are traversed to their own parents. */
const TRAVERSED_TYPES: ReadonlySet<string> = new Set(["metric", "semantic_model", "saved_query"]);

/**
 * Resolves a node's parents to the nearest real assets (models, seeds, snapshots) and sources,
 * walking through ephemeral models and semantic-layer nodes. Results for traversed nodes are
 * memoized, so resolving every node of a manifest is linear in its edges.
 */
export class AncestorResolver {
  readonly #manifest: ManifestLike;
  readonly #memo = new Map<string, readonly string[]>();
  readonly #visiting = new Set<string>();

  constructor(manifest: ManifestLike) {
    this.#manifest = manifest;
  }

  /** The real ancestors behind `props.depends_on.nodes`, deduplicated, in dependency order. */
  parentsOf(props: DbtResourceProps): string[] {
    const parents = props.depends_on?.nodes ?? [];
    // Common case: every parent is an asset or a source, and dbt already lists each once.
    if (parents.every((parent) => this.#isReal(parent))) return [...parents];
    const out: string[] = [];
    const seen = new Set<string>();
    for (const parent of parents) {
      for (const id of this.#resolve(parent)) {
        if (!seen.has(id)) {
          seen.add(id);
          out.push(id);
        }
      }
    }
    return out;
  }

  #isReal(id: string): boolean {
    if (id.startsWith("source.")) return this.#manifest.sources?.[id] !== undefined;
    const props = this.#manifest.nodes?.[id];
    return props !== undefined && REFABLE_RESOURCE_TYPES.has(resourceTypeOf(props)) && !isEphemeral(props);
  }

  #resolve(id: string): readonly string[] {
    const props = findResource(this.#manifest, id);
    if (!props) return [];
    const type = resourceTypeOf(props);
    if (type === "source" || (REFABLE_RESOURCE_TYPES.has(type) && !isEphemeral(props))) return [id];
    if (!(TRAVERSED_TYPES.has(type) || REFABLE_RESOURCE_TYPES.has(type))) return [];
    const memo = this.#memo.get(id);
    if (memo) return memo;
    if (this.#visiting.has(id)) return [];
    this.#visiting.add(id);
    const resolved = this.parentsOf(props);
    this.#visiting.delete(id);
    this.#memo.set(id, resolved);
    return resolved;
  }
}
