import type { AssetKey } from "../specs/asset-key.js";
import type { DbtResourceProps } from "../specs/resource-props.js";
import type { DbtAssetSpec, DbtCheckSpec, SpecMetadata } from "../specs/types.js";
import {
  defaultAssetKey,
  defaultCodeVersion,
  defaultDescription,
  defaultGroupName,
  defaultKinds,
  defaultMetadata,
  defaultOwners,
  defaultTags,
} from "./defaults.js";
import type { TranslatorContext } from "./translator-context.js";

/** Switches that change what the default translator produces. */
export interface DbtCloudTranslatorSettings {
  /** Append the node's raw SQL to its description (default true). */
  includeRawSql?: boolean;
  /** Turn tests into checks (default true). */
  enableAssetChecks?: boolean;
  /** Turn tests on sources into checks on the source's external spec (default false, as dagster-dbt). */
  enableSourceTestsAsChecks?: boolean;
  /** Let several sources share one asset key instead of failing (default false). */
  enableDuplicateSourceAssetKeys?: boolean;
}

/** Deps worked out by `buildDbtSpecs` before the spec hook runs. */
export interface AssetSpecInput {
  deps: AssetKey[];
  depUniqueIds: string[];
  external: boolean;
}

/** What `buildDbtSpecs` knows about a test before the check hook runs. */
export interface CheckSpecInput {
  /** Key and unique id of the node the test is attached to. */
  asset: AssetKey;
  assetUniqueId: string;
  /** Keys of the test's other parents. */
  additionalDeps: AssetKey[];
}

/**
 * Hooks passed as an object instead of subclassing. Each receives the node, the translator context
 * and the default translator (call `base.getX(...)` to decorate the default).
 */
export interface DbtCloudTranslatorHooks {
  getAssetKey?(props: DbtResourceProps, context: TranslatorContext, base: DbtCloudTranslator): AssetKey;
  getDescription?(
    props: DbtResourceProps,
    context: TranslatorContext,
    base: DbtCloudTranslator,
  ): string | undefined;
  getGroupName?(
    props: DbtResourceProps,
    context: TranslatorContext,
    base: DbtCloudTranslator,
  ): string | undefined;
  getOwners?(props: DbtResourceProps, context: TranslatorContext, base: DbtCloudTranslator): string[];
  getTags?(
    props: DbtResourceProps,
    context: TranslatorContext,
    base: DbtCloudTranslator,
  ): Record<string, string>;
  getMetadata?(props: DbtResourceProps, context: TranslatorContext, base: DbtCloudTranslator): SpecMetadata;
  getKinds?(props: DbtResourceProps, context: TranslatorContext, base: DbtCloudTranslator): string[];
  getCodeVersion?(
    props: DbtResourceProps,
    context: TranslatorContext,
    base: DbtCloudTranslator,
  ): string | undefined;
  getAssetSpec?(
    props: DbtResourceProps,
    input: AssetSpecInput,
    context: TranslatorContext,
    base: DbtCloudTranslator,
  ): DbtAssetSpec;
  /** Return `null` to drop the check. */
  getCheckSpec?(
    test: DbtResourceProps,
    input: CheckSpecInput,
    context: TranslatorContext,
    base: DbtCloudTranslator,
  ): DbtCheckSpec | null;
}

/**
 * Turns dbt manifest entries into asset and check specs. Override any `get*` method in a subclass,
 * or pass an object of hooks to the constructor; the defaults follow dagster-dbt's translator with
 * dbt Cloud kinds.
 */
export class DbtCloudTranslator {
  readonly settings: Readonly<Required<DbtCloudTranslatorSettings>>;
  readonly #hooks: DbtCloudTranslatorHooks;
  readonly #base: DbtCloudTranslator;

  constructor(hooks: DbtCloudTranslatorHooks = {}, settings: DbtCloudTranslatorSettings = {}) {
    this.#hooks = hooks;
    this.settings = {
      includeRawSql: settings.includeRawSql ?? true,
      enableAssetChecks: settings.enableAssetChecks ?? true,
      enableSourceTestsAsChecks: settings.enableSourceTestsAsChecks ?? false,
      enableDuplicateSourceAssetKeys: settings.enableDuplicateSourceAssetKeys ?? false,
    };
    this.#base = Object.keys(hooks).length === 0 ? this : new DbtCloudTranslator({}, settings);
  }

  getAssetKey(props: DbtResourceProps, context: TranslatorContext): AssetKey {
    return this.#hooks.getAssetKey
      ? this.#hooks.getAssetKey(props, context, this.#base)
      : defaultAssetKey(props);
  }

  getDescription(props: DbtResourceProps, context: TranslatorContext): string | undefined {
    return this.#hooks.getDescription
      ? this.#hooks.getDescription(props, context, this.#base)
      : defaultDescription(props, this.settings.includeRawSql);
  }

  getGroupName(props: DbtResourceProps, context: TranslatorContext): string | undefined {
    return this.#hooks.getGroupName
      ? this.#hooks.getGroupName(props, context, this.#base)
      : defaultGroupName(props);
  }

  getOwners(props: DbtResourceProps, context: TranslatorContext): string[] {
    return this.#hooks.getOwners
      ? this.#hooks.getOwners(props, context, this.#base)
      : defaultOwners(props, context);
  }

  getTags(props: DbtResourceProps, context: TranslatorContext): Record<string, string> {
    return this.#hooks.getTags ? this.#hooks.getTags(props, context, this.#base) : defaultTags(props);
  }

  getMetadata(props: DbtResourceProps, context: TranslatorContext): SpecMetadata {
    return this.#hooks.getMetadata
      ? this.#hooks.getMetadata(props, context, this.#base)
      : defaultMetadata(props);
  }

  getKinds(props: DbtResourceProps, context: TranslatorContext): string[] {
    return this.#hooks.getKinds ? this.#hooks.getKinds(props, context, this.#base) : defaultKinds(context);
  }

  getCodeVersion(props: DbtResourceProps, context: TranslatorContext): string | undefined {
    return this.#hooks.getCodeVersion
      ? this.#hooks.getCodeVersion(props, context, this.#base)
      : defaultCodeVersion(props);
  }

  /** Composes the other hooks; override to change a spec as a whole. */
  getAssetSpec(props: DbtResourceProps, input: AssetSpecInput, context: TranslatorContext): DbtAssetSpec {
    if (this.#hooks.getAssetSpec) return this.#hooks.getAssetSpec(props, input, context, this.#base);
    const spec: DbtAssetSpec = {
      key: this.getAssetKey(props, context),
      uniqueId: props.unique_id,
      resourceType: props.resource_type ?? props.unique_id.split(".", 1)[0] ?? "",
      deps: input.deps,
      depUniqueIds: input.depUniqueIds,
      owners: this.getOwners(props, context),
      tags: this.getTags(props, context),
      kinds: this.getKinds(props, context),
      metadata: this.getMetadata(props, context),
      external: input.external,
    };
    const description = this.getDescription(props, context);
    if (description !== undefined) spec.description = description;
    const group = this.getGroupName(props, context);
    if (group !== undefined) spec.group = group;
    const codeVersion = input.external ? undefined : this.getCodeVersion(props, context);
    if (codeVersion !== undefined) spec.codeVersion = codeVersion;
    return spec;
  }

  /** The check for one test; `null` drops it. Blocking when the test's severity is `error`. */
  getCheckSpec(
    test: DbtResourceProps,
    input: CheckSpecInput,
    context: TranslatorContext,
  ): DbtCheckSpec | null {
    if (this.#hooks.getCheckSpec) return this.#hooks.getCheckSpec(test, input, context, this.#base);
    const spec: DbtCheckSpec = {
      name: test.name ?? test.unique_id,
      asset: input.asset,
      uniqueId: test.unique_id,
      assetUniqueId: input.assetUniqueId,
      additionalDeps: input.additionalDeps,
      blocking: (test.config?.severity ?? "error").toLowerCase() === "error",
      metadata: { unique_id: test.unique_id },
    };
    const description = test.description || metaDescription(test);
    if (description) spec.description = description;
    return spec;
  }
}

function metaDescription(test: DbtResourceProps): string | undefined {
  const description = (test.config?.meta ?? test.meta)?.description;
  return typeof description === "string" ? description : undefined;
}
