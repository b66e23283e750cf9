import type { DbtGroupProps, ManifestLike } from "../specs/resource-props.js";

/** What a translator hook may consult besides the node itself. Built once per manifest. */
export interface TranslatorContext {
  readonly manifest: ManifestLike;
  /** `metadata.adapter_type` of the manifest, e.g. `snowflake`. */
  readonly adapterType: string | undefined;
  /** The dbt group of that name (`manifest.groups`), for its owner. */
  group(name: string): DbtGroupProps | undefined;
}

export function createTranslatorContext(manifest: ManifestLike): TranslatorContext {
  let groupsByName: Map<string, DbtGroupProps> | undefined;
  const adapterType = manifest.metadata?.adapter_type ?? undefined;
  return {
    manifest,
    adapterType: adapterType === null ? undefined : adapterType,
    group(name) {
      if (!groupsByName) {
        groupsByName = new Map();
        for (const group of Object.values(manifest.groups ?? {})) {
          if (group.name) groupsByName.set(group.name, group);
        }
      }
      return groupsByName.get(name);
    },
  };
}
