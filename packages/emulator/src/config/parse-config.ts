import { readFile } from "node:fs/promises";
import type { z } from "zod";
import { EmulatorConfigError } from "../errors.js";
import { type EmulatorConfig, emulatorConfigSchema } from "./schema.js";

function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const part of path) {
    if (typeof part === "number") out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out || "(config root)";
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const where = formatPath(issue.path);
  if (issue.code === "unrecognized_keys") {
    return `${where}: unknown field${issue.keys.length > 1 ? "s" : ""} ${issue.keys.map((k) => `"${k}"`).join(", ")}. Remove ${issue.keys.length > 1 ? "them" : "it"} or fix the spelling (see the config schema in the emulator README).`;
  }
  return `${where}: ${issue.message}`;
}

/** Validates a config object (from a file, CLI or `startEmulator`), naming each bad field and its fix. */
export function parseEmulatorConfig(input: unknown): EmulatorConfig {
  const result = emulatorConfigSchema.safeParse(input ?? {});
  if (!result.success) {
    throw new EmulatorConfigError(result.error.issues.map(describeIssue), { cause: result.error });
  }
  return result.data;
}

/** Reads and validates a JSON config file. */
export async function loadEmulatorConfigFile(path: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    throw new EmulatorConfigError(
      [`--config: cannot read "${path}". Check the path exists and is readable.`],
      {
        cause: error,
      },
    );
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new EmulatorConfigError(
      [`--config: "${path}" is not valid JSON (${(error as Error).message}). Fix the syntax.`],
      { cause: error },
    );
  }
}
