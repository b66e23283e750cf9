import { readFile } from "node:fs/promises";
import { EmulatorConfigError } from "../errors.js";
import type { Manifest } from "./types.js";

/** Reads a manifest.json and checks it has the parts the emulator executes (metadata, nodes, sources). */
export async function loadManifestFile(path: string, field: string): Promise<Manifest> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(path, "utf8"));
  } catch (error) {
    throw new EmulatorConfigError(
      [
        `${field}: cannot read a JSON manifest at "${path}" (${(error as Error).message}). Point it at a dbt target/manifest.json.`,
      ],
      { cause: error },
    );
  }
  const m = parsed as Partial<Manifest> | null;
  const problems: string[] = [];
  if (typeof m?.metadata?.dbt_schema_version !== "string") {
    problems.push(
      `${field}: "${path}" has no metadata.dbt_schema_version, so it is not a dbt manifest. Use target/manifest.json from a dbt run.`,
    );
  }
  if (typeof m?.nodes !== "object" || m.nodes === null) {
    problems.push(`${field}: "${path}" has no "nodes" object. Use target/manifest.json from a dbt run.`);
  }
  if (problems.length > 0) throw new EmulatorConfigError(problems);
  const manifest = m as Manifest;
  manifest.sources ??= {};
  return manifest;
}
