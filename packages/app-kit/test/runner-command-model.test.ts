import { describe, expect, it } from "vitest";
import { readRunnerStream } from "../src/testing/index.js";

const names = (stdout: string) => readRunnerStream(stdout).commands.map((c) => `${c.form}${c.name}`);

describe("readRunnerStream (model of the runner's command parser)", () => {
  it("reads ::cmd:: after leading blanks, and ##[cmd] anywhere in a line", () => {
    expect(names("::error::a\n  ::warning::b\n\t::notice::c\nx ::debug::no\nsay ##[group]yes\n")).toEqual([
      "::error",
      "::warning",
      "::notice",
      "##[group",
    ]);
  });

  it("splits lines on \\r and \\r\\n as well as \\n", () => {
    expect(names("text\r::error::a\r\n::warning::b")).toEqual(["::error", "::warning"]);
  });

  it("unescapes properties and data as the runner does", () => {
    const [c] = readRunnerStream("::error file=a%2Cb%3A.sql,title=t%0Ax::m%25%0D%0A").commands;
    expect(c?.properties.get("file")).toBe("a,b:.sql");
    expect(c?.properties.get("title")).toBe("t\nx");
    expect(c?.data).toBe("m%\r\n");
  });

  it("stops at stop-commands and resumes only at ::token:: or ##[token] (case-insensitive)", () => {
    const stream = [
      "::stop-commands::Tok",
      "::error::ignored",
      "::stop-commands::other",
      "::other::",
      "::tok::",
      "::error::counted",
      "::stop-commands::t2",
      "a ##[T2]",
      "::warning::counted",
    ].join("\n");
    const reading = readRunnerStream(stream);
    expect(reading.commands.map((c) => c.name)).toEqual([
      "stop-commands",
      "tok",
      "error",
      "stop-commands",
      "T2",
      "warning",
    ]);
    expect(reading.stoppedLines.map((l) => l.text)).toEqual([
      "::error::ignored",
      "::stop-commands::other",
      "::other::",
    ]);
    expect(reading.stoppedAtEnd).toBe(false);
    expect(readRunnerStream("::stop-commands::x\nmore").stoppedAtEnd).toBe(true);
  });

  it("counts a line in both forms when it could be read either way", () => {
    expect(names("::unknown:: ##[error]x")).toEqual(["::unknown", "##[error"]);
    // A known command wins: the runner does not look for the legacy form then.
    expect(names("::error::a ##[group]b")).toEqual(["::error"]);
  });
});
