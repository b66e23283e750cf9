import { DbtCloudAssetsError } from "../errors/dbt-cloud-assets-error.js";

/** Two dbt resources translate to the same asset key. */
export class DbtDuplicateAssetKeyError extends DbtCloudAssetsError {
  override readonly name: string = "DbtDuplicateAssetKeyError";
  readonly assetKey: string;
  readonly uniqueIds: readonly [string, string];
  readonly files: readonly [string, string];

  constructor(
    assetKey: string,
    first: { uniqueId: string; file: string },
    second: { uniqueId: string; file: string },
  ) {
    super(
      `Asset key "${assetKey}" is produced by both ${first.uniqueId} (${first.file}) and ${second.uniqueId} ` +
        `(${second.file}). Give one of them another key: set meta.dagster.asset_key on it, or override ` +
        "getAssetKey in your DbtCloudTranslator.",
    );
    this.assetKey = assetKey;
    this.uniqueIds = [first.uniqueId, second.uniqueId];
    this.files = [first.file, second.file];
  }
}
