import { ownValue } from "../records/own-value.js";
import { DbtCloudTranslator } from "../translator/dbt-cloud-translator.js";
import { createTranslatorContext, type TranslatorContext } from "../translator/translator-context.js";
import { AncestorResolver } from "./ancestors.js";
import { checkKeyToString } from "./asset-key.js";
import { checkDuplicateKeys } from "./duplicate-keys.js";
import { childMapOf } from "./graph.js";
import { KeyIndex } from "./key-index.js";
import { type DbtResourceProps, findResource, isAssetNode, type ManifestLike } from "./resource-props.js";
import { TestAttachmentResolver } from "./test-attachment.js";
import type { DbtAssetSpec, DbtCheckSpec, DbtSpecs, DbtUnitTestSpec } from "./types.js";

/** Semantic-layer and exposure types that can be returned as external specs on request. */
export type DbtExternalResourceType = "exposure" | "metric" | "semantic_model" | "saved_query";

const EXTERNAL_COLLECTIONS: ReadonlyMap<
  string,
  "exposures" | "metrics" | "semantic_models" | "saved_queries"
> = new Map([
  ["exposure", "exposures"],
  ["metric", "metrics"],
  ["semantic_model", "semantic_models"],
  ["saved_query", "saved_queries"],
]);

export interface SpecsFromSelectionOptions {
  translator?: DbtCloudTranslator;
  /** Which of exposures, metrics, semantic models and saved queries to return as external specs. */
  externalResourceTypes?: readonly DbtExternalResourceType[];
}

/** Builds specs for an already resolved selection; one pass over the manifest, keys computed once. */
export function buildSpecsFromSelection(
  manifest: ManifestLike,
  selected: ReadonlySet<string>,
  options: SpecsFromSelectionOptions = {},
): DbtSpecs {
  const translator = options.translator ?? new DbtCloudTranslator();
  const context = createTranslatorContext(manifest);
  const keys = new KeyIndex(manifest, translator, context);
  const ancestors = new AncestorResolver(manifest);

  const assetSpecs: DbtAssetSpec[] = [];
  const externalIds: string[] = [];
  const externalSeen = new Set<string>();
  const addExternal = (id: string) => {
    if (!externalSeen.has(id)) {
      externalSeen.add(id);
      externalIds.push(id);
    }
  };

  const nodes = manifest.nodes ?? {};
  for (const id of Object.keys(nodes)) {
    if (!selected.has(id)) continue;
    const props = nodes[id] as DbtResourceProps;
    if (!isAssetNode(props)) continue;
    const depUniqueIds = ancestors.parentsOf(props);
    for (const dep of depUniqueIds) if (dep.startsWith("source.")) addExternal(dep);
    const deps = depUniqueIds.map((dep) => keys.keyOf(dep));
    assetSpecs.push(translator.getAssetSpec(props, { deps, depUniqueIds, external: false }, context));
  }
  for (const id of Object.keys(manifest.sources ?? {})) if (selected.has(id)) addExternal(id);
  for (const type of options.externalResourceTypes ?? []) {
    const collection = EXTERNAL_COLLECTIONS.get(type);
    if (collection === undefined) continue;
    for (const id of Object.keys(manifest[collection] ?? {})) if (selected.has(id)) addExternal(id);
  }

  const externalSpecs: DbtAssetSpec[] = [];
  for (const id of externalIds) {
    const props = findResource(manifest, id);
    if (!props) continue;
    const depUniqueIds = ancestors.parentsOf(props);
    const deps = depUniqueIds.map((dep) => keys.keyOf(dep));
    externalSpecs.push(translator.getAssetSpec(props, { deps, depUniqueIds, external: true }, context));
  }

  checkDuplicateKeys(manifest, assetSpecs, externalSpecs, translator.settings.enableDuplicateSourceAssetKeys);

  const checkSpecs = translator.settings.enableAssetChecks
    ? buildCheckSpecs(manifest, selected, assetSpecs, externalSpecs, translator, context, keys, ancestors)
    : [];
  return {
    assetSpecs,
    checkSpecs,
    externalSpecs,
    unitTests: buildUnitTests(manifest, selected, keys),
    selectedUniqueIds: selected,
  };
}

function buildCheckSpecs(
  manifest: ManifestLike,
  selected: ReadonlySet<string>,
  assetSpecs: readonly DbtAssetSpec[],
  externalSpecs: readonly DbtAssetSpec[],
  translator: DbtCloudTranslator,
  context: TranslatorContext,
  keys: KeyIndex,
  ancestors: AncestorResolver,
): DbtCheckSpec[] {
  const children = childMapOf(manifest);
  const attachments = new TestAttachmentResolver(manifest);
  const targets = translator.settings.enableSourceTestsAsChecks
    ? [...assetSpecs, ...externalSpecs.filter((s) => s.resourceType === "source")]
    : assetSpecs;
  const checkSpecs: DbtCheckSpec[] = [];
  const seen = new Set<string>();
  for (const target of targets) {
    for (const childId of ownValue(children, target.uniqueId) ?? []) {
      if (!childId.startsWith("test.") || !selected.has(childId)) continue;
      const test = ownValue(manifest.nodes, childId);
      if (!test || attachments.attachedNodeOf(test) !== target.uniqueId) continue;
      const parents = test.depends_on?.nodes ?? [];
      const additionalDeps =
        parents.length === 1 && parents[0] === target.uniqueId
          ? []
          : ancestors
              .parentsOf(test)
              .filter((id) => id !== target.uniqueId)
              .map((id) => keys.keyOf(id));
      const spec = translator.getCheckSpec(
        test,
        { asset: target.key, assetUniqueId: target.uniqueId, additionalDeps },
        context,
      );
      if (!spec) continue;
      const checkKey = checkKeyToString(spec.asset, spec.name);
      if (seen.has(checkKey)) continue;
      seen.add(checkKey);
      checkSpecs.push(spec);
    }
  }
  return checkSpecs;
}

function buildUnitTests(
  manifest: ManifestLike,
  selected: ReadonlySet<string>,
  keys: KeyIndex,
): DbtUnitTestSpec[] {
  const out: DbtUnitTestSpec[] = [];
  for (const [id, props] of Object.entries(manifest.unit_tests ?? {})) {
    if (!selected.has(id)) continue;
    const tested = props.tested_node_unique_id;
    const modelUniqueId = typeof tested === "string" ? tested : props.depends_on?.nodes?.[0];
    const spec: DbtUnitTestSpec = { uniqueId: id, name: props.name ?? id };
    if (modelUniqueId) {
      spec.modelUniqueId = modelUniqueId;
      const model = ownValue(manifest.nodes, modelUniqueId);
      if (model && isAssetNode(model)) spec.asset = keys.keyOf(modelUniqueId);
    }
    out.push(spec);
  }
  return out;
}
