import { assetKeyToString } from "./asset-key.js";
import { DbtDuplicateAssetKeyError } from "./errors.js";
import { findResource, type ManifestLike } from "./resource-props.js";
import type { DbtAssetSpec } from "./types.js";

/** Throws when two specs share a key (sources may share one when `allowDuplicateSources`). */
export function checkDuplicateKeys(
  manifest: ManifestLike,
  assetSpecs: readonly DbtAssetSpec[],
  externalSpecs: readonly DbtAssetSpec[],
  allowDuplicateSources: boolean,
): void {
  const owners = new Map<string, DbtAssetSpec>();
  for (const spec of [...assetSpecs, ...externalSpecs]) {
    const key = assetKeyToString(spec.key);
    const previous = owners.get(key);
    if (!previous) {
      owners.set(key, spec);
      continue;
    }
    if (allowDuplicateSources && previous.resourceType === "source" && spec.resourceType === "source")
      continue;
    throw new DbtDuplicateAssetKeyError(
      key,
      describe(manifest, previous.uniqueId),
      describe(manifest, spec.uniqueId),
    );
  }
}

function describe(manifest: ManifestLike, uniqueId: string): { uniqueId: string; file: string } {
  const props = findResource(manifest, uniqueId);
  return { uniqueId, file: props?.original_file_path ?? props?.path ?? "unknown file" };
}
