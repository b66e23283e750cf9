import { describe, expect, it } from "vitest";
import { createUntrustedPrinter } from "../src/index.js";
import { readRunnerStream } from "../src/testing/index.js";

/** Hostile text an author of a dbt model controls (an error message, a log line, a node name). */
const HOSTILE = [
  "::stop-commands::x",
  "::add-mask::secret",
  "::error::injected",
  "  ::warning title=a::b",
  "\t::notice::tab",
  "\u00a0\u2003::error::unicode blanks",
  "\u0085::error::next line",
  "\r::error::x",
  "a ##[error]b",
  "##[group]hidden",
  "##[stop-commands]y",
  "::set-output name=x::y",
  "::ERROR::upper case",
  "::error file=a.sql,line=1,title=t::m",
  "ok\r\n::error::crlf",
  "ok\n\n::endgroup::",
];

function printed(run: (printer: ReturnType<typeof createUntrustedPrinter>) => void, newToken?: () => string) {
  const lines: string[] = [];
  const printer = createUntrustedPrinter((l) => lines.push(l), newToken ? { newToken } : {});
  run(printer);
  return { lines, stdout: `${lines.join("\n")}\n` };
}

/** The only commands the runner may act on: the printer's own stop-commands / resume pairs. */
function foreignCommands(stdout: string) {
  const { commands, stoppedAtEnd } = readRunnerStream(stdout);
  expect(stoppedAtEnd).toBe(false);
  const foreign = [];
  let token: string | undefined;
  for (const c of commands) {
    if (
      token === undefined &&
      c.form === "::" &&
      c.name === "stop-commands" &&
      /^[0-9a-f]{32}$/.test(c.data)
    ) {
      token = c.data;
    } else if (token !== undefined && c.form === "::" && c.name === token && c.text === `::${token}::`) {
      token = undefined;
    } else {
      foreign.push(c);
    }
  }
  return foreign;
}

describe("createUntrustedPrinter: block", () => {
  it("(baseline) every hostile value printed raw is a command the runner would act on", () => {
    for (const text of HOSTILE) {
      expect(readRunnerStream(text).commands.length, JSON.stringify(text)).toBeGreaterThan(0);
    }
  });

  it("wraps text in stop-commands with a fresh 128-bit token per block", () => {
    const { lines } = printed((p) => {
      p.block("one");
      p.block("two");
    });
    expect(lines).toHaveLength(6);
    const [start1, , end1, start2, , end2] = lines;
    const t1 = start1?.replace("::stop-commands::", "");
    const t2 = start2?.replace("::stop-commands::", "");
    expect(t1).toMatch(/^[0-9a-f]{32}$/);
    expect(t2).toMatch(/^[0-9a-f]{32}$/);
    expect(t1).not.toBe(t2);
    expect(end1).toBe(`::${t1}::`);
    expect(end2).toBe(`::${t2}::`);
    expect(lines[1]).toBe("one");
  });

  it("splits on \\n, \\r\\n and \\r, as the runner does, and drops one trailing line break", () => {
    const { lines } = printed((p) => p.block("a\r\nb\rc\nd\n"));
    expect(lines.slice(1, -1)).toEqual(["a", "b", "c", "d"]);
  });

  it("prints nothing for empty text", () => {
    expect(printed((p) => p.block("")).lines).toEqual([]);
  });

  it("lets no hostile line act, alone or all together", () => {
    for (const text of [...HOSTILE, HOSTILE.join("\n"), HOSTILE.join("\r")]) {
      const { stdout } = printed((p) => p.block(text));
      expect(foreignCommands(stdout), JSON.stringify(text)).toEqual([]);
      // Everything the text held is still there, inside the block.
      const reading = readRunnerStream(stdout);
      expect(reading.stoppedLines.length).toBeGreaterThan(0);
    }
  });

  it("defeats guessed tokens: the text cannot end the block", () => {
    const guesses = [
      "::x::",
      "::00000000000000000000000000000000::",
      "::stop-commands::y\n::y::\n::error::after a fake resume",
      "##[x]",
      "::%s::",
    ];
    const { stdout } = printed((p) => p.block(guesses.join("\n")));
    expect(foreignCommands(stdout)).toEqual([]);
  });

  it("never uses a token the text contains, even from a predictable token source", () => {
    const tokens = ["aaaaaaaaaaaaaaaa", "aaaaaaaaaaaaaaaa", "bbbbbbbbbbbbbbbb"];
    const { lines, stdout } = printed(
      (p) => p.block("::AAAAAAAAAAAAAAAA::\n::error::x"),
      () => tokens.shift() ?? "cccccccccccccccc",
    );
    expect(lines[0]).toBe("::stop-commands::bbbbbbbbbbbbbbbb");
    const commands = readRunnerStream(stdout).commands.map((c) => c.name);
    expect(commands).toEqual(["stop-commands", "bbbbbbbbbbbbbbbb"]);
  });

  it("refuses a token source that cannot give a usable token", () => {
    expect(() =>
      printed(
        (p) => p.block("text"),
        () => "short",
      ),
    ).toThrow(/newToken/);
  });

  it("defuses the legacy ##[ marker inside blocks too (the log viewer draws it)", () => {
    const { lines } = printed((p) => p.block("##[group]x\na ##[error]b"));
    expect(lines.slice(1, -1).some((l) => l.includes("##["))).toBe(false);
    expect(lines[1]).toBe("##\u2060[group]x");
  });
});

describe("createUntrustedPrinter: line", () => {
  it("prints a single-line value after the trusted prefix", () => {
    expect(printed((p) => p.line("Job 42: ", "nightly build")).lines).toEqual(["Job 42: nightly build"]);
    expect(printed((p) => p.line("Cancelled.")).lines).toEqual(["Cancelled."]);
  });

  it("never lets a value start a line: a prefix comes first, command-looking values stay inert", () => {
    for (const value of ["::error::x", "  ::warning title=a::b", "::stop-commands::x", "::add-mask::s"]) {
      const { lines, stdout } = printed((p) => p.line("Run 5: ", value));
      expect(lines).toEqual([`Run 5: ${value}`]);
      expect(readRunnerStream(stdout).commands).toEqual([]);
    }
  });

  it("prints a value with any line break or ##[ as a block after the prefix", () => {
    for (const value of [...HOSTILE.filter((h) => /[\r\n]|##\[/.test(h)), "x\ry", "x\ny"]) {
      const { lines, stdout } = printed((p) => p.line("Status message: ", value));
      expect(lines[0]).toBe("Status message:");
      expect(lines[1]).toMatch(/^::stop-commands::[0-9a-f]{32}$/);
      expect(foreignCommands(stdout), JSON.stringify(value)).toEqual([]);
    }
  });

  it("notices a ##[ formed across the prefix and the value", () => {
    const { lines } = printed((p) => p.line("Issue #", "#[error]x"));
    expect(lines[0]).toBe("Issue #");
    expect(lines[1]).toMatch(/^::stop-commands::/);
  });

  it("rejects a prefix that is blank, spans lines or starts a command (a programming error)", () => {
    for (const prefix of ["", "  ", "\t", "a\nb", "x\r", "::error::", "  ::x::", "##[error]"]) {
      expect(() => printed((p) => p.line(prefix, "v")), JSON.stringify(prefix)).toThrow(/trusted prefix/);
    }
  });

  it("keeps every hostile value inert in a mixed stream", () => {
    const { stdout } = printed((p) => {
      for (const h of HOSTILE) {
        p.line("Node ", h);
        p.block(h);
      }
    });
    expect(foreignCommands(stdout)).toEqual([]);
  });
});

describe("createUntrustedPrinter: text", () => {
  it("prints a composed one-line message as is when the runner reads nothing in it", () => {
    expect(
      printed((p) => p.text("Polling run 5 failed (HTTP 502 :: bad gateway); still waiting.")).lines,
    ).toEqual(["Polling run 5 failed (HTTP 502 :: bad gateway); still waiting."]);
  });

  it("prints anything that could be a command, or spans lines, as a block", () => {
    for (const h of HOSTILE) {
      const { lines, stdout } = printed((p) => p.text(h));
      expect(lines[0], JSON.stringify(h)).toMatch(/^::stop-commands::[0-9a-f]{32}$/);
      expect(foreignCommands(stdout)).toEqual([]);
    }
  });
});
