import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const packageRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "node_modules" ? [] : sourceFiles(path);
    return /\.(?:ts|mts|mjs|js)$/.test(entry.name) ? [path] : [];
  });
}

/** Relative specifiers in `import … from "…"`, `import("…")` and `new URL("…", import.meta.url)`. */
function relativeSpecifiers(text: string): string[] {
  const found: string[] = [];
  for (const match of text.matchAll(/(?:from\s+|import\(\s*|new URL\(\s*)["'](\.{1,2}\/[^"']*)["']/g)) {
    if (match[1]) found.push(match[1]);
  }
  return found;
}

describe("package boundaries (issue 9)", () => {
  it("no file under src, test, bench or examples reaches into another package by path (repository scripts/ aside)", () => {
    const escapes: string[] = [];
    for (const folder of ["src", "test", "bench", "examples"]) {
      for (const file of sourceFiles(join(packageRoot, folder))) {
        for (const specifier of relativeSpecifiers(readFileSync(file, "utf8"))) {
          const absolute = resolve(dirname(file), specifier);
          // The repository's own tooling (scripts/, e.g. the shared bench runner) is no package.
          const tooling = relative(join(packageRoot, "..", "..", "scripts"), absolute);
          if (!tooling.startsWith("..")) continue;
          const target = relative(packageRoot, absolute);
          if (target.startsWith("..")) escapes.push(`${relative(packageRoot, file)} → ${specifier}`);
        }
      }
    }
    expect(escapes).toEqual([]);
  });

  it("the emulator is a dev dependency imported by name, and does not depend on the sensor", () => {
    const own = JSON.parse(readFileSync(join(packageRoot, "package.json"), "utf8"));
    expect(own.devDependencies["@dbt-cloud-kit/emulator"]).toBe("workspace:*");
    expect(own.dependencies["@dbt-cloud-kit/emulator"]).toBeUndefined();
    const emulator = JSON.parse(
      readFileSync(join(packageRoot, "node_modules/@dbt-cloud-kit/emulator/package.json"), "utf8"),
    );
    const emulatorDeps = { ...emulator.dependencies, ...emulator.devDependencies };
    expect(emulatorDeps["@dbt-cloud-kit/sensor"]).toBeUndefined();
  });
});
