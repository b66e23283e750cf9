import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const repo = fileURLToPath(new URL("../../../../", import.meta.url));

/** The source roots checked: the action's, the CLI's and every package's (app-kit's too) `src`. */
const roots = [
  "apps/action/src",
  "apps/cli/src",
  ...readdirSync(join(repo, "packages"), { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => `packages/${e.name}/src`),
].filter((root) => {
  try {
    return readdirSync(join(repo, root)).length > 0;
  } catch {
    return false;
  }
});

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(e.name) && !e.name.endsWith(".d.ts") ? [path] : [];
  });
}

/** Relative module specifiers of `import … from`, `export … from` and `import()` (type imports included). */
function relativeImports(text: string): string[] {
  const specs = [
    ...text.matchAll(/\b(?:import|export)\s[^;'"]*?\bfrom\s*["'](\.[^"']+)["']/g),
    ...text.matchAll(/\bimport\s*\(\s*["'](\.[^"']+)["']\s*\)/g),
    ...text.matchAll(/^\s*import\s*["'](\.[^"']+)["']/gm),
  ];
  return specs.map((m) => m[1] as string);
}

/**
 * Folder -> folders its files import (relative imports only; a folder's own files do not count). A
 * package's top-level files (its entry, errors, logger, models) are what its folders build on, so `src`
 * itself is not a node there; in the action it is (main.ts and post.ts import every folder, none imports them).
 */
function folderGraph(root: string, withTopLevel: boolean): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const file of sourceFiles(root)) {
    const from = relative(root, dirname(file)) || ".";
    if (from === "." && !withTopLevel) continue;
    const edges = graph.get(from) ?? new Set<string>();
    graph.set(from, edges);
    for (const spec of relativeImports(readFileSync(file, "utf8"))) {
      const to = relative(root, dirname(resolve(dirname(file), spec))) || ".";
      if (to !== from && !to.startsWith("..") && (to !== "." || withTopLevel)) edges.add(to);
    }
  }
  return graph;
}

/** Every cycle of folders, as paths `a -> b -> a` (Tarjan's strongly connected components). */
function folderCycles(graph: Map<string, Set<string>>): string[][] {
  let index = 0;
  const indices = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  const visit = (node: string) => {
    indices.set(node, index);
    low.set(node, index++);
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!indices.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node) as number, low.get(next) as number));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node) as number, indices.get(next) as number));
      }
    }
    if (low.get(node) === indices.get(node)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop() as string;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1) components.push(component.sort());
    }
  };
  for (const node of graph.keys()) if (!indices.has(node)) visit(node);
  return components;
}

/**
 * Cycles that predate this check, in packages other work owns: listed exactly, so a new cycle (or a new
 * folder in one) fails, and one that is fixed must be taken off the list.
 */
const KNOWN: Record<string, string[]> = {
  "apps/cli/src": ["context -> output; output -> context", "commands -> program; program -> commands"],
  "packages/assets/src": ["specs -> translator; translator -> specs"],
  "packages/emulator/src": [
    "api -> state, config; config -> webhooks; state -> api, config; webhooks -> state",
  ],
};

describe("folder imports", () => {
  it.each(roots)("%s: no folder imports a folder that imports it back", (root) => {
    const graph = folderGraph(join(repo, root), root.startsWith("apps/"));
    const cycles = folderCycles(graph).map((folders) =>
      folders
        .map((f) => `${f} -> ${[...(graph.get(f) ?? [])].filter((t) => folders.includes(t)).join(", ")}`)
        .join("; "),
    );
    expect(cycles).toEqual(KNOWN[root] ?? []);
  });

  it("finds a cycle through the parent folder and a longer one", () => {
    const graph = new Map([
      [".", new Set(["run"])],
      ["run", new Set([".", "github"])],
      ["github", new Set(["config"])],
      ["config", new Set(["summary"])],
      ["summary", new Set(["github"])],
      ["bundle", new Set<string>()],
    ]);
    expect(folderCycles(graph)).toEqual([
      ["config", "github", "summary"],
      [".", "run"],
    ]);
  });
});
