import { describe, expect, it } from "vitest";
import { fnmatch } from "../../src/selection/fnmatch.js";
import { makePathMatcher, splitPath } from "../../src/selection/path-glob.js";

describe("fnmatch (Python fnmatchcase rules)", () => {
  it.each([
    ["orders", "orders", true],
    ["orders", "Orders", false],
    ["stg_orders", "stg_*", true],
    ["stg_orders", "*orders", true],
    ["stg_orders", "stg_?rders", true],
    ["stg_orders", "stg_[op]rders", true],
    ["stg_orders", "stg_[!o]rders", false],
    ["stg_orders", "stg_[a-n]rders", false],
    ["a.b", "a?b", true],
    ["a/b", "a*b", true],
    ["a[b", "a[b", true],
    ["x+y", "x+y", true],
    ["a.b(c)", "a.b(c)", true],
    ["", "*", true],
    ["a]", "a]", true],
    ["a", "[]a]", true],
  ])("%j matches %j: %j", (name, pattern, expected) => {
    expect(fnmatch(name, pattern)).toBe(expected);
  });
});

describe("path globbing (pathlib rules over the manifest's paths)", () => {
  const segments = splitPath;
  const file = (matcher: ReturnType<typeof makePathMatcher>, path: string) => {
    const parts = splitPath(path);
    return matcher.file(parts.slice(0, -1), parts[parts.length - 1] as string);
  };
  it("matches files, directories, ** and trailing slashes", () => {
    const staging = makePathMatcher("models/staging");
    expect(staging.dir(segments("models/staging"))).toBe(true);
    expect(file(staging, "models/staging/x.sql")).toBe(false);
    expect(file(staging, "models/staging")).toBe(true);
    const dirOnly = makePathMatcher("models/staging/");
    expect(file(dirOnly, "models/staging")).toBe(false);
    expect(dirOnly.dir(segments("models/staging"))).toBe(true);
    const sql = makePathMatcher("models/**/*.sql");
    expect(file(sql, "models/a.sql")).toBe(true);
    expect(file(sql, "models/x/y/a.sql")).toBe(true);
    expect(file(sql, "seeds/a.sql")).toBe(false);
    expect(file(makePathMatcher("*.sql"), "models/a.sql")).toBe(false);
    expect(file(makePathMatcher("*.sql"), "a.sql")).toBe(true);
    expect(makePathMatcher("./models\\staging").dir(segments("models/staging"))).toBe(true);
    expect(makePathMatcher(".").dir([])).toBe(true);
  });
});
