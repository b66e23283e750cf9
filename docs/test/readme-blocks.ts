import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

export const repoRoot = fileURLToPath(new URL("../../", import.meta.url));

/** Every README a user reads, relative to the repository root. */
export const READMES = [
  "README.md",
  "packages/credentials/README.md",
  "packages/client/README.md",
  "packages/assets/README.md",
  "packages/sensor/README.md",
  "packages/emulator/README.md",
  "apps/action/README.md",
] as const;

/** The published packages, whose READMEs carry install lines. */
export const PUBLISHED_READMES = READMES.filter((path) => path.startsWith("packages/"));

export interface ReadmeExample {
  readme: string;
  name: string;
  code: string;
}

const MARKER = /^<!-- readme-example: ([a-z0-9-]+) -->\n```ts\n([\s\S]*?)^```$/gm;
const TYPECHECK_MARKER = /^<!-- readme-(?:example|typecheck): ([a-z0-9-]+) -->\n```ts\n([\s\S]*?)^```$/gm;

/**
 * Code blocks marked `<!-- readme-example: <name> -->` on the line before the fence: the examples a
 * test runs exactly as written.
 */
export function readmeExamples(readme: string): ReadmeExample[] {
  const text = readFileSync(new URL(readme, `file://${repoRoot}`), "utf8");
  return [...text.matchAll(MARKER)].map((m) => ({ readme, name: m[1] as string, code: m[2] as string }));
}

/** The runnable examples plus blocks marked `<!-- readme-typecheck: <name> -->` (compiled, not run). */
export function typecheckedExamples(readme: string): ReadmeExample[] {
  return [...readmeText(readme).matchAll(TYPECHECK_MARKER)].map((m) => ({
    readme,
    name: m[1] as string,
    code: m[2] as string,
  }));
}

export function readmeText(readme: string): string {
  return readFileSync(new URL(readme, `file://${repoRoot}`), "utf8");
}

/** `@dbt-cloud-kit/<name>` packages a piece of code imports. */
export function importedPackages(code: string): string[] {
  const names = new Set<string>();
  for (const m of code.matchAll(/from "(@dbt-cloud-kit\/[a-z-]+)"/g)) names.add(m[1] as string);
  return [...names].sort();
}

/** Packages named on `npm i …` lines of shell blocks. */
export function npmInstalled(text: string): Set<string> {
  const names = new Set<string>();
  for (const line of text.split("\n")) {
    const m = /^npm i(?:nstall)? (.+)$/.exec(line.trim());
    if (!m) continue;
    for (const word of (m[1] as string).split(/\s+/)) if (word.startsWith("@dbt-cloud-kit/")) names.add(word);
  }
  return names;
}
