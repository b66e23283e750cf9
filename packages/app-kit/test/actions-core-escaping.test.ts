import * as core from "@actions/core";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { neutraliseWorkflowCommands } from "../src/index.js";
import { readRunnerStream } from "../src/testing/index.js";

/**
 * What @actions/core's command functions do with hostile text, read by the runner model: each call is
 * exactly one command, and the runner gets the original text back (so no command is smuggled in).
 */
const HOSTILE =
  "boom%0A\r\n::add-mask::x\r::error::y\n  ::stop-commands::z, a:b ##[group]g %25 ::warning title=t::w";

let stdout = "";
beforeEach(() => {
  stdout = "";
  vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
    stdout += String(chunk);
    return true;
  });
});
afterEach(() => {
  process.exitCode = undefined;
});

describe("@actions/core escaping of untrusted text", () => {
  it("keeps annotation messages, titles and files on one command line", () => {
    core.error(HOSTILE, { title: HOSTILE, file: HOSTILE, startLine: 3 });
    core.warning(HOSTILE, { title: HOSTILE, file: HOSTILE });
    core.notice(HOSTILE, { title: HOSTILE });
    const commands = readRunnerStream(stdout).commands;
    expect(commands.map((c) => c.name)).toEqual(["error", "warning", "notice"]);
    for (const c of commands) {
      expect(c.data).toBe(HOSTILE);
      expect(c.properties.get("title")).toBe(HOSTILE);
    }
    expect(commands[0]?.properties.get("file")).toBe(HOSTILE);
    expect(commands[0]?.properties.get("line")).toBe("3");
  });

  it("keeps setFailed's message (which may carry a run's status_message) on one command line", () => {
    core.setFailed(`dbt Cloud run 5 failed: ${HOSTILE}`);
    const commands = readRunnerStream(stdout).commands;
    expect(commands.map((c) => c.name)).toEqual(["error"]);
    expect(commands[0]?.data).toBe(`dbt Cloud run 5 failed: ${HOSTILE}`);
    expect(process.exitCode).toBe(1);
  });

  it("keeps group titles on one line", () => {
    core.startGroup(HOSTILE);
    core.endGroup();
    expect(readRunnerStream(stdout).commands.map((c) => c.name)).toEqual(["group", "endgroup"]);
  });

  it("does NOT protect core.info: raw text there is executed (hence the printer)", () => {
    core.info(HOSTILE);
    const names = readRunnerStream(stdout).commands.map((c) => c.name);
    expect(names).toContain("add-mask");
    expect(names).toContain("stop-commands");
  });

  it("leaves the legacy ##[ marker in command data, which neutraliseWorkflowCommands defuses", () => {
    core.error(HOSTILE);
    expect(stdout).toContain("##[group]");
    stdout = "";
    core.error(neutraliseWorkflowCommands(HOSTILE));
    expect(stdout).not.toContain("##[");
    expect(readRunnerStream(stdout).commands.map((c) => c.name)).toEqual(["error"]);
  });
});
