import {
  DBT_COMMAND_RESOURCE_TYPES,
  type DbtManifest,
  selectionFromDbtCommand,
  selectUniqueIds,
} from "@dbt-cloud-kit/assets";
import { EmulatorError } from "../errors.js";
import type { Manifest } from "../manifest/types.js";
import { isExecutable, manifestNode } from "../manifest/types.js";
import type { DbtCommand } from "./command.js";
import { EXECUTING_COMMANDS } from "./command.js";

/**
 * Resource types of the executing commands for which `selectionFromDbtCommand` leaves the types open
 * (it selects every resource type for them): what the emulator runs and reports for each.
 */
const RESOURCE_TYPES_LEFT_OPEN: ReadonlyMap<string, readonly string[]> = new Map([
  ["compile", ["model", "test", "snapshot", "analysis"]],
  ["docs generate", ["model", "seed", "snapshot"]],
  ["retry", DBT_COMMAND_RESOURCE_TYPES.build ?? []],
]);

/** A step's `--select` / `--exclude` / `--selector` is invalid; the step fails with dbt's runtime error. */
export class SelectionError extends EmulatorError {
  override name = "SelectionError";
}

/**
 * Unique ids a step's dbt command runs, in manifest order: `selectUniqueIds` over what
 * `selectionFromDbtCommand` reads in the command (dbt semantics, the resource types the command acts on),
 * kept to the nodes dbt executes. Commands that execute nothing select nothing, though an invalid
 * `--select` / `--exclude` / `--selector` still fails them.
 */
export function selectNodesForCommand(manifest: Manifest, command: DbtCommand): string[] {
  const executing = EXECUTING_COMMANDS.has(command.subcommand);
  const explicit = command.select.length > 0 || command.exclude.length > 0 || command.selector !== undefined;
  if (!executing && !explicit) return [];
  const selection = selectionFromDbtCommand(command, manifest as unknown as DbtManifest);
  const resourceTypes = selection.resourceTypes ?? RESOURCE_TYPES_LEFT_OPEN.get(command.subcommand);
  let chosen: Set<string>;
  try {
    chosen = selectUniqueIds(manifest as unknown as DbtManifest, { ...selection, resourceTypes });
  } catch (error) {
    throw new SelectionError(error instanceof Error ? error.message : String(error), { cause: error });
  }
  if (!executing) return [];
  return [...chosen].filter((id) => {
    const node = manifestNode(manifest, id);
    return node !== undefined && (isExecutable(node) || node.resource_type === "analysis");
  });
}
