import type { AssetKey } from "./asset-key.js";
import type { JsonValue } from "./resource-props.js";

export type SpecMetadata = Record<string, JsonValue>;

/** An asset built from a dbt model, seed or snapshot (or an external one: source, exposure, …). */
export interface DbtAssetSpec {
  key: AssetKey;
  /** The dbt unique id, e.g. `model.jaffle_shop.orders`. */
  uniqueId: string;
  /** `model`, `seed`, `snapshot`; for external specs `source`, `exposure`, `metric`, … */
  resourceType: string;
  /** Upstream asset keys; ephemeral models and semantic-layer nodes are traversed to real ancestors. */
  deps: AssetKey[];
  /** The unique ids behind `deps`, in the same order. */
  depUniqueIds: string[];
  description?: string;
  group?: string;
  owners: string[];
  /** dbt tags as tag keys with empty values. */
  tags: Record<string, string>;
  kinds: string[];
  codeVersion?: string;
  metadata: SpecMetadata;
  /** True for specs that dbt cannot build (sources, exposures, semantic-layer nodes). */
  external: boolean;
}

/** A dbt data test as a check on the asset it is attached to. */
export interface DbtCheckSpec {
  /** The test's name (unique per asset). */
  name: string;
  /** Key of the asset the test is attached to. */
  asset: AssetKey;
  /** The test's unique id, e.g. `test.jaffle_shop.not_null_orders_order_id.81cfe2fe64`. */
  uniqueId: string;
  /** Unique id of the node the test is attached to. */
  assetUniqueId: string;
  /** Keys of the test's other parents (e.g. the `to` model of a relationships test). */
  additionalDeps: AssetKey[];
  /** True when the test fails the run on failure (`severity: error`). */
  blocking: boolean;
  description?: string;
  metadata: SpecMetadata;
}

/** A dbt unit test: reported, not turned into a check (it runs before the model is built). */
export interface DbtUnitTestSpec {
  uniqueId: string;
  name: string;
  /** Key of the model under test, when that model is an asset of this selection. */
  asset?: AssetKey;
  modelUniqueId?: string;
}

/** Everything `buildDbtSpecs` produces. */
export interface DbtSpecs {
  /** Models, seeds and snapshots: the assets dbt builds. */
  assetSpecs: DbtAssetSpec[];
  /** Tests attached to a selected asset. */
  checkSpecs: DbtCheckSpec[];
  /**
   * Sources referenced by (or selected with) the assets, plus any of exposures, metrics,
   * semantic models and saved queries requested through `externalResourceTypes`.
   */
  externalSpecs: DbtAssetSpec[];
  unitTests: DbtUnitTestSpec[];
  /** The selected unique ids (all resource types), as the selection resolved them. */
  selectedUniqueIds: ReadonlySet<string>;
}
