import { selectUniqueIds } from "@dbt-cloud-kit/assets";
import { EmulatorError } from "../errors.js";
import type { Manifest } from "../manifest/types.js";
import { isExecutable } from "../manifest/types.js";
import type { DbtCommand } from "./command.js";
import { RESOURCE_TYPES_BY_COMMAND } from "./command.js";

/** A selection function with dbt-core semantics; the default is `selectUniqueIds` from `@dbt-cloud-kit/assets`. */
export type SelectUniqueIds = (
  manifest: Manifest,
  options: { select?: string; exclude?: string; selector?: string },
) => Iterable<string>;

export const assetsSelector: SelectUniqueIds = (manifest, options) =>
  selectUniqueIds(manifest as unknown as Parameters<typeof selectUniqueIds>[0], options);

/** A step's `--select` / `--exclude` / `--selector` is invalid; the step fails with dbt's runtime error. */
export class SelectionError extends EmulatorError {
  override name = "SelectionError";
}

/**
 * Unique ids a step's dbt command runs, in manifest order: the command's `--select` / `--exclude` /
 * `--selector` (dbt semantics, tests selected eagerly) restricted to the resource types it executes.
 */
export function selectNodesForCommand(
  manifest: Manifest,
  command: DbtCommand,
  selector: SelectUniqueIds,
): string[] {
  const types = new Set(RESOURCE_TYPES_BY_COMMAND[command.subcommand] ?? []);
  const candidates = [...Object.values(manifest.nodes), ...Object.values(manifest.unit_tests ?? {})].filter(
    (n) => types.has(n.resource_type) && (isExecutable(n) || n.resource_type === "analysis"),
  );
  const hasSelection =
    command.select.length > 0 || command.exclude.length > 0 || command.selector !== undefined;
  if (!hasSelection) return candidates.map((n) => n.unique_id);
  let chosen: Set<string>;
  try {
    const options: { select?: string; exclude?: string; selector?: string } = {};
    if (command.select.length > 0) options.select = command.select.join(" ");
    if (command.exclude.length > 0) options.exclude = command.exclude.join(" ");
    if (command.selector !== undefined) options.selector = command.selector;
    chosen = new Set(selector(manifest, options));
  } catch (error) {
    throw new SelectionError(error instanceof Error ? error.message : String(error), { cause: error });
  }
  return candidates.filter((n) => chosen.has(n.unique_id)).map((n) => n.unique_id);
}
