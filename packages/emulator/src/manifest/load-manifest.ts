import { constants } from "node:buffer";
import { readFile, stat } from "node:fs/promises";
import { EmulatorConfigError } from "../errors.js";
import type { Manifest } from "./types.js";

/** Reads a manifest.json and checks it has the parts the emulator executes (metadata, nodes, sources). */
export async function loadManifestFile(path: string, field: string): Promise<Manifest> {
  let parsed: unknown;
  // Refused by size before reading: readFile would buffer it all, then fail with "Cannot create a string longer than…".
  const size = await stat(path).then(
    (s) => s.size,
    () => undefined,
  );
  if (size !== undefined && size > constants.MAX_STRING_LENGTH) {
    throw new EmulatorConfigError([
      `${field}: the manifest "${path}" is ${size.toLocaleString("en-US")} bytes, more than the ${constants.MAX_STRING_LENGTH.toLocaleString("en-US")} bytes Node can read as one string. Point it at a smaller project's target/manifest.json, or leave manifestPath out to use the generated project.`,
    ]);
  }
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
