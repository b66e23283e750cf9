import { describe, expect, it } from "vitest";
import { runCli } from "../support/cli-process.js";

const COMMANDS = [
  "run",
  "wait",
  "retry",
  "cancel",
  "status",
  "logs",
  "artifacts",
  "summary",
  "jobs",
  "runs",
  "projects",
  "environments",
  "sensor",
  "sensor serve",
  "emulator",
];

describe("--help", () => {
  it("the program lists every command, the exit codes and the environment", async () => {
    const r = await runCli(["--help"]);
    expect(r.code).toBe(0);
    for (const command of COMMANDS.filter((c) => !c.includes(" ")))
      expect(r.stdout).toMatch(new RegExp(`^  ${command} `, "m"));
    for (const code of ["0 ", "1 ", "2 ", "3 ", "4 ", "130"]) expect(r.stdout).toContain(`\n  ${code}`);
    expect(r.stdout).toContain("DBT_CLOUD_API_TOKEN");
  });

  it("every command has help with real examples and the exit codes", async () => {
    for (const command of COMMANDS) {
      const r = await runCli([...command.split(" "), "--help"]);
      expect(r.code, command).toBe(0);
      expect(r.stdout, command).toContain(`Usage: dbt-cloud-kit ${command}`);
      expect(r.stdout, command).toMatch(new RegExp(`Examples:\\n  (\\S+=\\S+ )?dbt-cloud-kit ${command}`));
      expect(r.stdout, command).toContain("Exit codes:");
      // Global options are shown too.
      expect(r.stdout, command).toContain("--token-file <path>");
    }
  });

  it("no arguments: the help on stderr, exit 2", async () => {
    const r = await runCli([]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("Usage: dbt-cloud-kit");
    expect(r.stdout).toBe("");
  });
});
