/** An asset key: path components, e.g. `["analytics", "orders"]`. */
export type AssetKey = readonly string[];

/** The string form used as a map key and in messages: components joined by `/`. */
export function assetKeyToString(key: AssetKey): string {
  return key.join("/");
}

/** The key of a check: `<asset key>:<check name>`. */
export function checkKeyToString(asset: AssetKey, name: string): string {
  return `${assetKeyToString(asset)}:${name}`;
}
