import { constants } from "node:fs";
import { open } from "node:fs/promises";
import { join } from "node:path";
import * as core from "@actions/core";

/** GitHub keeps an output only under 1 MB; a little room is left for the file command around it. */
export const MAX_OUTPUT_BYTES = 1_000_000 - 1024;

function bytes(text: string): number {
  return Buffer.byteLength(text, "utf8");
}

/** A text output cut to the limit (at a character boundary, marked with `…`) when it is longer. */
export function setTextOutput(name: string, value: string, maxBytes = MAX_OUTPUT_BYTES): void {
  if (bytes(value) <= maxBytes) {
    core.setOutput(name, value);
    return;
  }
  let end = Math.min(value.length, maxBytes);
  while (end > 0 && bytes(value.slice(0, end)) > maxBytes - 3) end = Math.floor(end * 0.9);
  const code = value.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end--;
  core.setOutput(name, `${value.slice(0, end)}…`);
}

/** The longest prefix of `ids` whose JSON array fits in `maxBytes`. */
export function idsThatFit(ids: readonly string[], maxBytes = MAX_OUTPUT_BYTES): string[] {
  let size = 2; // []
  const kept: string[] = [];
  for (const id of ids) {
    const add = bytes(JSON.stringify(id)) + (kept.length > 0 ? 1 : 0);
    if (size + add > maxBytes) break;
    size += add;
    kept.push(id);
  }
  return kept;
}

export const FAILED_NODES_FILE = "failed-nodes.json";

/**
 * `failed-nodes` (the first ids that fit in an output) and `failed-nodes-path` (all of them, in a JSON file
 * in the artifacts directory; a symlink planted at that name is refused, not followed).
 */
export async function writeFailedNodes(
  ids: readonly string[],
  dir: string,
  log: (prefix: string, value: string) => void,
): Promise<void> {
  const kept = idsThatFit(ids);
  core.setOutput("failed-nodes", JSON.stringify(kept));
  const path = join(dir, FAILED_NODES_FILE);
  try {
    const flags = constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC | constants.O_NOFOLLOW;
    const file = await open(path, flags);
    try {
      await file.writeFile(`${JSON.stringify(ids)}\n`);
    } finally {
      await file.close();
    }
  } catch (error) {
    log(`failed-nodes-path: could not write ${FAILED_NODES_FILE}: `, (error as Error).message);
    return;
  }
  core.setOutput("failed-nodes-path", path);
  if (kept.length < ids.length) {
    log(
      `failed-nodes: ${ids.length} failed nodes do not fit in GitHub's 1 MB output; it holds the first ${kept.length}, and failed-nodes-path has all of them: `,
      path,
    );
  }
}

/** The `results` JSON, or `{}` with a note when artifacts hold so many kinds of results it cannot fit. */
export function setResultsOutput(
  results: object,
  log: (prefix: string, value: string) => void,
  maxBytes = MAX_OUTPUT_BYTES,
): void {
  const json = JSON.stringify(results);
  if (bytes(json) <= maxBytes) {
    core.setOutput("results", json);
    return;
  }
  core.setOutput("results", "{}");
  log(
    "results: ",
    `the counts by resource type and status take ${bytes(json)} bytes, over GitHub's 1 MB output limit; the output is {}.`,
  );
}
