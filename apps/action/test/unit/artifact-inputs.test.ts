import { artifactPathProblem } from "@dbt-cloud-kit/app-kit";
import { describe, expect, it } from "vitest";
import { base, parse, problems } from "./config-helpers.js";

describe("artifacts entries", () => {
  it.each([
    ["../../etc/passwd", /".." segment/],
    ["compiled/../../x.json", /".." segment/],
    ["..", /".." segment/],
    ["./run_results.json", /"\." segment/],
    ["compiled/./x.sql", /"\." segment/],
    ["compiled//x.sql", /empty segment/],
    ["compiled/", /empty segment/],
    ["/etc/passwd", /absolute path/],
    ["C:/Windows/win.ini", /absolute path/],
    ["c:win.ini", /absolute path/],
    ["run_results.json:stream", /colon/],
    ["compiled\\..\\..\\x.json", /backslash/],
    ["..\\x.json", /backslash/],
    ["run\u0000results.json", /control character \(U\+0000\) at position 4/],
    ["run_results.json\u001b[2J", /control character \(U\+001B\) at position 17/],
    ["a\u2028b.json", /control character \(U\+2028\) at position 2/],
    ["a\u0085b.json", /control character \(U\+0085\)/],
  ])("rejects %j", (path, message) => {
    expect(artifactPathProblem(path)).toMatch(message);
  });

  it.each([
    "run_results.json",
    "manifest.json",
    "compiled/my_project/models/staging/stg orders.sql",
    "run/my_project/models/x..y.sql",
    "sources.json",
    ".hidden/file.json",
  ])("accepts %j", (path) => {
    expect(artifactPathProblem(path)).toBeUndefined();
  });

  it("names every bad entry, each with the fix, before anything else happens", () => {
    const found = problems({
      ...base,
      artifacts: "run_results.json\n../secrets.json, compiled//x.sql\nmanifest.json",
    }).filter((p) => p.input === "artifacts");
    expect(found.map((p) => p.problem)).toEqual([
      expect.stringMatching(
        /^entry "\.\.\/secrets\.json" is not a path inside dbt's target\/ directory: it has a "\.\." segment$/,
      ),
      expect.stringMatching(/^entry "compiled\/\/x\.sql" .* empty segment/),
    ]);
    for (const p of found)
      expect(p.fix).toMatch(/relative to dbt's target\/ directory.*e\.g\. run_results\.json/);
  });

  it("escapes control characters when it quotes an entry", () => {
    const [p] = problems({ ...base, artifacts: "a\u001b]0;x\u0007.json" }).filter(
      (x) => x.input === "artifacts",
    );
    expect(p?.problem).toContain('"a\\u001b]0;x\\u0007.json"');
    expect(p?.problem).not.toMatch(/\p{Cc}/u);
  });

  it("keeps valid entries as given", () => {
    expect(parse({ ...base, artifacts: "run_results.json, compiled/p/models/x.sql" }).artifacts).toEqual([
      "run_results.json",
      "compiled/p/models/x.sql",
    ]);
  });
});
