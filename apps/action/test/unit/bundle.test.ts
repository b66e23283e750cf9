import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DIST } from "../e2e/run-bundle.js";

/** An entry plus the chunks it imports statically: what Node parses before the first line of the action. */
function startupFiles(entry: string, seen = new Set<string>()): Set<string> {
  if (seen.has(entry)) return seen;
  seen.add(entry);
  const text = readFileSync(join(DIST, entry), "utf8");
  for (const m of text.matchAll(/(?:import|export)\s*(?:[^'"();]*?from\s*)?['"]\.\/([^'"]+)['"]/g)) {
    startupFiles(m[1] as string, seen);
  }
  return seen;
}

const size = (files: Iterable<string>) =>
  [...files].reduce((sum, f) => sum + statSync(join(DIST, f)).size, 0);

describe("the committed bundle", () => {
  it("stays under 1.5 MB in total", () => {
    const all = readdirSync(DIST).filter((f) => f.endsWith(".js"));
    expect(size(all)).toBeLessThan(1.5 * 1024 * 1024);
  });

  it("loads undici and @actions/github's Octokit only on demand and no zod translations at start", () => {
    for (const entry of ["main.js", "post.js"]) {
      const files = startupFiles(entry);
      expect([...files].some((f) => f.startsWith("undici-"))).toBe(false);
      expect([...files].some((f) => f.startsWith("github-"))).toBe(false);
      const text = [...files].map((f) => readFileSync(join(DIST, f), "utf8")).join("\n");
      // A phrase of zod's German locale; English messages stay.
      expect(text).not.toContain("Ungültige Eingabe");
      expect(size(files)).toBeLessThan(400 * 1024);
    }
    expect(readdirSync(DIST).some((f) => f.startsWith("undici-"))).toBe(true);
    expect(readdirSync(DIST).some((f) => f.startsWith("github-"))).toBe(true);
  });
});
