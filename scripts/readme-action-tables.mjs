#!/usr/bin/env node
// Writes the root README's inputs and outputs tables (between `<!-- inputs:start -->` / `<!-- inputs:end -->`
// and the same for outputs) from action.yml, with the renderer apps/action's README uses.
//   node scripts/readme-action-tables.mjs           rewrite README.md
//   node scripts/readme-action-tables.mjs --check   exit 1 when README.md is stale (run by `pnpm test`)
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { normalizeTables, renderReadme } from "../apps/action/scripts/action-tables.mjs";

export const rootReadmePath = fileURLToPath(new URL("../README.md", import.meta.url));
export const actionYmlPath = fileURLToPath(new URL("../action.yml", import.meta.url));

/** True when the README's tables say what action.yml says (cell padding aside). */
export function isReadmeFresh(readme, actionYml) {
  return normalizeTables(renderReadme(readme, actionYml)) === normalizeTables(readme);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const readme = readFileSync(rootReadmePath, "utf8");
  const actionYml = readFileSync(actionYmlPath, "utf8");
  if (process.argv.includes("--check")) {
    if (isReadmeFresh(readme, actionYml))
      console.log("README.md: the inputs and outputs tables match action.yml.");
    else {
      console.error(
        "README.md: the inputs and outputs tables are stale: run `node scripts/readme-action-tables.mjs` and commit README.md.",
      );
      process.exitCode = 1;
    }
  } else {
    writeFileSync(rootReadmePath, renderReadme(readme, actionYml));
    console.log("README.md: wrote the inputs and outputs tables from action.yml.");
  }
}
