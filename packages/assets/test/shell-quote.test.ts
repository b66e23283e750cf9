import { spawnSync } from "node:child_process";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DbtCommandError, dbtCommandFromArgv, shellQuote } from "../src/index.js";

/** What a real POSIX shell makes of a command line: its words, NUL-separated by printf. */
function shellWords(line: string): string[] {
  const out = spawnSync("sh", ["-c", `printf '%s\\0' ${line}`], { encoding: "utf8" });
  return out.stdout.split("\0").slice(0, -1);
}

describe("shellQuote / dbtCommandFromArgv", () => {
  it("quotes like shlex.quote", () => {
    expect(shellQuote("build")).toBe("build");
    expect(shellQuote("fqn:*")).toBe("'fqn:*'");
    expect(shellQuote('{"a": 1}')).toBe(`'{"a": 1}'`);
    expect(shellQuote("it's")).toBe(`'it'"'"'s'`);
    expect(shellQuote("")).toBe("''");
    expect(shellQuote("path/to-x_1.sql,tag:a+")).toBe("path/to-x_1.sql,tag:a+");
  });

  it("keeps --indirect-selection and its value as two tokens (dagster-dbt joined them into one)", () => {
    expect(dbtCommandFromArgv(["build", "--indirect-selection", "eager"])).toBe(
      "dbt build --indirect-selection eager",
    );
  });

  it("round-trips any argv through a real POSIX shell", () => {
    const token = fc.string({
      maxLength: 12,
      unit: fc.constantFrom(..." ab'\"$*?;&|<>()`{}[]~#!=:,.-/\\\t\n"),
    });
    fc.assert(
      fc.property(fc.array(token, { minLength: 1, maxLength: 5 }), (rest) => {
        const argv = ["build", ...rest];
        expect(shellWords(dbtCommandFromArgv(argv))).toEqual(["dbt", ...argv]);
      }),
      { numRuns: 60 },
    );
  });

  it("rejects an empty command, a flag first, or a whole command line as one token", () => {
    expect(() => dbtCommandFromArgv([])).toThrow(DbtCommandError);
    expect(() => dbtCommandFromArgv(["--select", "x"])).toThrow(/first token must be a dbt sub-command/);
    expect(() => dbtCommandFromArgv(["build --select x"])).toThrow(/Pass each token separately/);
    expect(dbtCommandFromArgv(["dbt", "run"])).toBe("dbt run");
  });
});
