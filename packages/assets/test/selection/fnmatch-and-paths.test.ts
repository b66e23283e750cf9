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
  it("matches files, directories, ** and trailing slashes", () => {
    const staging = makePathMatcher("models/staging");
    expect(staging.dir(segments("models/staging"))).toBe(true);
    expect(staging.file(segments("models/staging/x.sql"))).toBe(false);
    const dirOnly = makePathMatcher("models/staging/");
    expect(dirOnly.file(segments("models/staging"))).toBe(false);
    expect(dirOnly.dir(segments("models/staging"))).toBe(true);
    const sql = makePathMatcher("models/**/*.sql");
    expect(sql.file(segments("models/a.sql"))).toBe(true);
    expect(sql.file(segments("models/x/y/a.sql"))).toBe(true);
    expect(sql.file(segments("seeds/a.sql"))).toBe(false);
    expect(makePathMatcher("*.sql").file(segments("models/a.sql"))).toBe(false);
    expect(makePathMatcher("./models\\staging").dir(segments("models/staging"))).toBe(true);
    expect(makePathMatcher(".").dir([])).toBe(true);
  });
});
