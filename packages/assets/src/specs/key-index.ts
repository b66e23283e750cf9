import type { DbtCloudTranslator } from "../translator/dbt-cloud-translator.js";
import type { TranslatorContext } from "../translator/translator-context.js";
import type { AssetKey } from "./asset-key.js";
import { type DbtResourceProps, findResource, type ManifestLike } from "./resource-props.js";

/** unique id -> asset key, computed once per id through the translator. */
export class KeyIndex {
  readonly #manifest: ManifestLike;
  readonly #translator: DbtCloudTranslator;
  readonly #context: TranslatorContext;
  readonly #keys: Record<string, AssetKey> = Object.create(null);

  constructor(manifest: ManifestLike, translator: DbtCloudTranslator, context: TranslatorContext) {
    this.#manifest = manifest;
    this.#translator = translator;
    this.#context = context;
  }

  keyOf(uniqueId: string, known?: DbtResourceProps): AssetKey {
    let key = this.#keys[uniqueId];
    if (!key) {
      const props: DbtResourceProps = known ??
        findResource(this.#manifest, uniqueId) ?? { unique_id: uniqueId };
      key = this.#translator.getAssetKey(props, this.#context);
      this.#keys[uniqueId] = key;
    }
    return key;
  }
}
