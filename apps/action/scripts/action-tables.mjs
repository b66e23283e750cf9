// Renders the inputs and outputs tables of README.md from the root action.yml, so they cannot drift:
// `pnpm --filter @dbt-cloud-kit/action docs` rewrites them, and a test fails when they are stale.
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";

export const actionYmlPath = fileURLToPath(new URL("../../../action.yml", import.meta.url));
export const readmePath = fileURLToPath(new URL("../README.md", import.meta.url));

const escapeCell = (text) => String(text).replace(/\|/g, "\\|").replace(/\n/g, "<br>");

function defaultCell(value) {
  if (value === undefined) return "";
  return `\`${escapeCell(String(value)).replace(/`/g, "'")}\``;
}

/** @param {string} yamlText */
export function renderTables(yamlText) {
  const action = parse(yamlText);
  const inputs = Object.entries(action.inputs ?? {}).map(
    ([name, spec]) =>
      `| \`${name}\` | ${spec.required ? "yes" : ""} | ${defaultCell(spec.default)} | ${escapeCell(spec.description ?? "")} |`,
  );
  const outputs = Object.entries(action.outputs ?? {}).map(
    ([name, spec]) => `| \`${name}\` | ${escapeCell(spec.description ?? "")} |`,
  );
  return {
    inputs: ["| input | required | default | description |", "| --- | --- | --- | --- |", ...inputs].join(
      "\n",
    ),
    outputs: ["| output | description |", "| --- | --- |", ...outputs].join("\n"),
  };
}

/** Replaces the text between `<!-- name:start -->` and `<!-- name:end -->`. */
export function replaceSection(text, name, body) {
  const start = `<!-- ${name}:start -->`;
  const end = `<!-- ${name}:end -->`;
  const i = text.indexOf(start);
  const j = text.indexOf(end);
  if (i < 0 || j < i) throw new Error(`README.md has no ${start} … ${end} section`);
  return `${text.slice(0, i + start.length)}\n${body}\n${text.slice(j)}`;
}

/** Table lines with cell padding removed (Biome pads Markdown tables when it formats the README). */
export function normalizeTables(text) {
  return text
    .split("\n")
    .map((line) =>
      line.startsWith("|")
        ? line
            .split(/(?<!\\)\|/)
            .map((c) => c.trim().replace(/^-{3,}$/, "---"))
            .join("|")
        : line,
    )
    .join("\n");
}

export function renderReadme(readme, yamlText) {
  const tables = renderTables(yamlText);
  return replaceSection(replaceSection(readme, "inputs", tables.inputs), "outputs", tables.outputs);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const readme = readFileSync(readmePath, "utf8");
  writeFileSync(readmePath, renderReadme(readme, readFileSync(actionYmlPath, "utf8")));
  console.log(`updated the inputs and outputs tables in ${readmePath}`);
}
