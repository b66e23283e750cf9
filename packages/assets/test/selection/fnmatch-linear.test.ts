import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DbtSelectionError } from "../../src/index.js";
import { fnmatch, globMatcher } from "../../src/selection/fnmatch.js";
import { makePathMatcher } from "../../src/selection/path-glob.js";

interface Golden {
  names: string[];
  cases: Array<[pattern: string, extra: string[], answers: string]>;
}
const golden = JSON.parse(
  readFileSync(new URL("./golden/fnmatch-golden.json", import.meta.url), "utf8"),
) as Golden;

describe("fnmatch agrees with Python's fnmatch.fnmatchcase", () => {
  it(`on ${golden.cases.length} recorded patterns (brackets, [!…], []…], ranges, empty ranges, astral characters)`, () => {
    const wrong: string[] = [];
    for (const [pattern, extra, answers] of golden.cases) {
      const names = [...golden.names, ...extra];
      if (answers === "error") {
        expect(() => globMatcher(pattern)).toThrow(DbtSelectionError);
        continue;
      }
      names.forEach((name, i) => {
        const expected = answers[i] === "1";
        if (fnmatch(name, pattern) !== expected)
          wrong.push(`${JSON.stringify(pattern)} ~ ${JSON.stringify(name)}: python says ${expected}`);
      });
    }
    expect(wrong).toEqual([]);
  });

  const python = spawnSync("python3", ["-c", "print(1)"], { encoding: "utf8" }).stdout?.trim() === "1";
  it.skipIf(!python)("on random patterns, checked live against python3", () => {
    const alphabet = fc.constantFrom(..."ab-]![^\\*?z.".split(""));
    const text = (max: number) => fc.array(alphabet, { maxLength: max }).map((a) => a.join(""));
    const cases = fc.sample(fc.tuple(text(7), fc.array(text(6), { minLength: 4, maxLength: 4 })), 300);
    const script =
      "import fnmatch, json, sys\n" +
      "cases = json.load(sys.stdin)\n" +
      "print(json.dumps([[fnmatch.fnmatchcase(n, p) for n in names] for p, names in cases]))\n";
    const run = spawnSync("python3", ["-c", script], { input: JSON.stringify(cases), encoding: "utf8" });
    const answers = JSON.parse(run.stdout) as boolean[][];
    cases.forEach(([pattern, names], c) => {
      names.forEach((name, n) => {
        expect([pattern, name, fnmatch(name, pattern)]).toEqual([pattern, name, answers[c]?.[n]]);
      });
    });
  });
});

describe("matching cost is bounded by name length × pattern length", () => {
  // A backtracking regex (`^.*a.*a…b$`) takes exponential time on these; each call here is one pass.
  const adversarial = `${"*a".repeat(31)}*b`;
  const names = Array.from({ length: 200 }, (_, i) => "a".repeat(1000 + i));

  it("a 64-character *a*a…*b pattern against 1 KB names of a's finishes at once and matches nothing", () => {
    expect(adversarial.length).toBe(64);
    const match = globMatcher(adversarial);
    const started = process.hrtime.bigint();
    expect(names.filter(match)).toEqual([]);
    // generous bound (a shared CI machine): the old regex took minutes on one name
    expect(Number(process.hrtime.bigint() - started) / 1e6).toBeLessThan(2_000);
    expect(match(`${"a".repeat(40)}b`)).toBe(true);
  });

  it("pieces with ? and classes between stars, and ** path globs, stay linear too", () => {
    const classy = globMatcher(`${"*[a]?".repeat(20)}*[b]`);
    expect(classy("a".repeat(5000))).toBe(false);
    expect(classy(`${"ax".repeat(20)}b`)).toBe(true);
    const deep = makePathMatcher(`${"**/".repeat(30)}x.sql`);
    const dirs = Array.from({ length: 2000 }, () => "d");
    expect(deep.file(dirs, "y.sql")).toBe(false);
    expect(deep.file(dirs, "x.sql")).toBe(true);
    const starry = makePathMatcher(`${"*a*a*a*/".repeat(10)}*b`);
    expect(
      starry.file(
        Array.from({ length: 50 }, () => "a".repeat(200)),
        "a".repeat(300),
      ),
    ).toBe(false);
  });
});
