import {
  type DbtResourceProps,
  dagsterMetaOf,
  findResource,
  isRecord,
  type ManifestLike,
} from "./resource-props.js";

/**
 * The node a data test checks: generic tests name it (`attached_node`); a singular test with one
 * parent checks that parent; otherwise `meta.dagster.ref: {name, package?, version?}` names it.
 * Manifests older than v8 have no `attached_node`: the parent named by `file_key_name`
 * (`models.orders`) is used.
 */
export class TestAttachmentResolver {
  readonly #manifest: ManifestLike;
  #byRef: Map<string, string> | undefined;

  constructor(manifest: ManifestLike) {
    this.#manifest = manifest;
  }

  attachedNodeOf(test: DbtResourceProps): string | undefined {
    const parents = test.depends_on?.nodes ?? [];
    let attached = test.attached_node ?? undefined;
    if (parents.length === 1) attached = parents[0];
    const ref = dagsterMetaOf(test).ref;
    if (isRecord(ref) && typeof ref.name === "string") {
      const project = this.#manifest.metadata?.project_name ?? "";
      const pkg = typeof ref.package === "string" && ref.package !== "" ? ref.package : project;
      const version = ref.version === undefined || ref.version === null ? "" : String(ref.version);
      return this.#refIndex().get(refKey(ref.name, pkg, version));
    }
    if (attached) return attached;
    return this.#fromFileKey(test, parents);
  }

  #fromFileKey(test: DbtResourceProps, parents: readonly string[]): string | undefined {
    const fileKey = test.file_key_name;
    if (!test.test_metadata || typeof fileKey !== "string") return undefined;
    const name = fileKey.slice(fileKey.indexOf(".") + 1);
    for (const parent of parents) {
      const props = findResource(this.#manifest, parent);
      if (props && (props.name === name || `${props.source_name}.${props.name}` === name)) return parent;
    }
    return undefined;
  }

  #refIndex(): Map<string, string> {
    if (!this.#byRef) {
      this.#byRef = new Map();
      for (const [id, props] of Object.entries(this.#manifest.nodes ?? {})) {
        const version = props.version === undefined || props.version === null ? "" : String(props.version);
        const key = refKey(props.name ?? "", props.package_name ?? "", version);
        if (!this.#byRef.has(key)) this.#byRef.set(key, id);
      }
    }
    return this.#byRef;
  }
}

function refKey(name: string, pkg: string, version: string): string {
  return `${name}\u0000${pkg}\u0000${version}`;
}
