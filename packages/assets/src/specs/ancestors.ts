import { ownValue } from "../records/own-value.js";
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

type Kind = { kind: "real" } | { kind: "traversed"; props: DbtResourceProps } | { kind: "none" };
const REAL: Kind = { kind: "real" };
const NONE: Kind = { kind: "none" };

/**
 * Resolves a node's parents to the nearest real assets (models, seeds, snapshots) and sources,
 * walking through ephemeral models and semantic-layer nodes. Results for traversed nodes are
 * memoized, so resolving every node of a manifest is linear in its edges. The walk uses its own stack
 * (a chain of any length is fine) and steps over a `depends_on` cycle instead of following it round.
 */
export class AncestorResolver {
  readonly #manifest: ManifestLike;
  readonly #memo = new Map<string, readonly string[]>();

  constructor(manifest: ManifestLike) {
    this.#manifest = manifest;
  }

  /** The real ancestors behind `props.depends_on.nodes`, deduplicated, in dependency order. */
  parentsOf(props: DbtResourceProps): string[] {
    const parents = props.depends_on?.nodes ?? [];
    // Common case: every parent is an asset or a source, and dbt already lists each once.
    if (parents.every((parent) => this.#isReal(parent))) return [...parents];
    const out = new Set<string>();
    for (const parent of parents) {
      const kind = this.#kindOf(parent);
      if (kind.kind === "real") out.add(parent);
      else if (kind.kind === "traversed")
        for (const id of this.#resolveTraversed(parent, kind.props)) out.add(id);
    }
    return [...out];
  }

  #isReal(id: string): boolean {
    if (id.startsWith("source.")) return ownValue(this.#manifest.sources, id) !== undefined;
    const props = ownValue(this.#manifest.nodes, id);
    return props !== undefined && REFABLE_RESOURCE_TYPES.has(resourceTypeOf(props)) && !isEphemeral(props);
  }

  #kindOf(id: string): Kind {
    const props = findResource(this.#manifest, id);
    if (!props) return NONE;
    const type = resourceTypeOf(props);
    if (type === "source" || (REFABLE_RESOURCE_TYPES.has(type) && !isEphemeral(props))) return REAL;
    return TRAVERSED_TYPES.has(type) || REFABLE_RESOURCE_TYPES.has(type)
      ? { kind: "traversed", props }
      : NONE;
  }

  /** Post-order walk over traversed nodes; a node met again while its own walk is open is a cycle: skipped. */
  #resolveTraversed(rootId: string, rootProps: DbtResourceProps): readonly string[] {
    const known = this.#memo.get(rootId);
    if (known) return known;
    const open = new Set<string>([rootId]);
    const stack: Array<{ id: string; props: DbtResourceProps; next: number }> = [
      { id: rootId, props: rootProps, next: 0 },
    ];
    while (stack.length > 0) {
      const frame = stack[stack.length - 1] as { id: string; props: DbtResourceProps; next: number };
      const parents = frame.props.depends_on?.nodes ?? [];
      if (frame.next < parents.length) {
        const parent = parents[frame.next] as string;
        frame.next += 1;
        if (this.#memo.has(parent) || open.has(parent)) continue;
        const kind = this.#kindOf(parent);
        if (kind.kind === "traversed") {
          open.add(parent);
          stack.push({ id: parent, props: kind.props, next: 0 });
        }
        continue;
      }
      const out = new Set<string>();
      for (const parent of parents) {
        const kind = this.#kindOf(parent);
        if (kind.kind === "real") out.add(parent);
        else if (kind.kind === "traversed") for (const id of this.#memo.get(parent) ?? []) out.add(id);
      }
      this.#memo.set(frame.id, [...out]);
      open.delete(frame.id);
      stack.pop();
    }
    return this.#memo.get(rootId) ?? [];
  }
}
