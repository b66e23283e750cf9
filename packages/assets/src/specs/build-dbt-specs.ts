import type { Logger } from "@dbt-cloud-kit/client";
import type { DbtIndirectSelection, DbtManifest } from "../artifacts/manifest-types.js";
import { selectUniqueIds } from "../selection/select-unique-ids.js";
import type { DbtCloudTranslator } from "../translator/dbt-cloud-translator.js";
import { buildSpecsFromSelection, type DbtExternalResourceType } from "./build-specs-from-selection.js";
import type { DbtSpecs } from "./types.js";

export interface BuildDbtSpecsOptions {
  /** dbt `--select` syntax (default `fqn:*`). */
  select?: string;
  /** dbt `--exclude` syntax. */
  exclude?: string;
  /** A YAML selector from `manifest.selectors`; not combinable with `select` / `exclude`. */
  selector?: string;
  /** Indirect test selection (default `eager`, as dbt). */
  indirectSelection?: DbtIndirectSelection;
  translator?: DbtCloudTranslator;
  /** Which of exposures, metrics, semantic models and saved queries to return as external specs. */
  externalResourceTypes?: readonly DbtExternalResourceType[];
  /** Warned about union members that select nothing. */
  logger?: Logger;
}

/**
 * The asset graph of a dbt project: resolves the selection with dbt's semantics, then builds asset
 * specs for models, seeds and snapshots, check specs for their tests, external specs for sources
 * (and, on request, exposures and semantic-layer nodes) and the list of unit tests.
 */
export function buildDbtSpecs(manifest: DbtManifest, options: BuildDbtSpecsOptions = {}): DbtSpecs {
  const selected = selectUniqueIds(manifest, {
    select: options.select,
    exclude: options.exclude,
    selector: options.selector,
    indirectSelection: options.indirectSelection,
    logger: options.logger,
  });
  const rest: {
    translator?: DbtCloudTranslator;
    externalResourceTypes?: readonly DbtExternalResourceType[];
  } = {};
  if (options.translator) rest.translator = options.translator;
  if (options.externalResourceTypes) rest.externalResourceTypes = options.externalResourceTypes;
  return buildSpecsFromSelection(manifest, selected, rest);
}
