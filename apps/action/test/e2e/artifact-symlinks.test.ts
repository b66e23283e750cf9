import { mkdirSync, mkdtempSync, readdirSync, realpathSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Emulator } from "@dbt-cloud-kit/emulator";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { baseInputs, emulator, JOBS } from "./emulator-env.js";
import { runBundle } from "./run-bundle.js";

let emu: Emulator;
let workspace: string;
let outside: string;
beforeEach(async () => {
  emu = await emulator();
  const base = realpathSync(mkdtempSync(join(tmpdir(), "dbt-action-links-")));
  workspace = join(base, "workspace");
  outside = join(base, "outside");
  mkdirSync(workspace);
  mkdirSync(outside);
});
afterEach(async () => {
  await emu.close();
});

/** The artifact paths of a finished run, as dbt Cloud lists them. */
async function listedArtifacts(runId: string): Promise<string[]> {
  const response = await fetch(`${emu.url}/api/v2/accounts/${emu.accountId}/runs/${runId}/artifacts/`, {
    headers: { Authorization: `Bearer ${emu.token}` },
  });
  return ((await response.json()) as { data: string[] }).data;
}

describe("a symbolic link planted in the workspace", () => {
  it("as artifacts-dir: nothing is written through it, and the step says why", async () => {
    symlinkSync(outside, join(workspace, "dbt-cloud-artifacts"));
    const result = await runBundle({ inputs: baseInputs(emu, JOBS.daily), workspace });
    expect(result.code).toBe(0);
    expect(result.outputs.status).toBe("success");
    expect(readdirSync(outside)).toEqual([]);
    expect(result.stdout).toMatch(
      /::warning::No artifacts of run \d+ were downloaded: artifacts-dir dbt-cloud-artifacts leads out of the workspace through a symbolic link/,
    );
    expect(result.outputs["run-results-path"]).toBeUndefined();
    expect(emu.requests.count({ operation: "getRunArtifact" })).toBe(0);
  });

  it("inside artifacts-dir: that artifact is refused (and fails the step when it was asked for)", async () => {
    const first = await runBundle({ inputs: { ...baseInputs(emu, JOBS.daily), artifacts: "" } });
    const compiled = (await listedArtifacts(first.outputs["run-id"] ?? "")).find((p) =>
      p.startsWith("compiled/"),
    );
    expect(compiled).toBeDefined();
    mkdirSync(join(workspace, "dbt-cloud-artifacts"));
    symlinkSync(outside, join(workspace, "dbt-cloud-artifacts", "compiled"));
    const result = await runBundle({
      inputs: { ...baseInputs(emu, JOBS.daily), artifacts: `run_results.json\n${compiled}` },
      workspace,
    });
    expect(readdirSync(outside)).toEqual([]);
    expect(result.stdout).toMatch(
      /::warning::Skipped artifact compiled\/.*: compiled in the artifacts directory is a symbolic link leading out of it/,
    );
    expect(result.outputs["run-results-path"]).toBe(join("dbt-cloud-artifacts", "run_results.json"));
    expect(emu.requests.count({ operation: "getRunArtifact" })).toBe(1);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(
      /::error::dbt Cloud run \d+ succeeded, but the required artifact\(s\) compiled\/.* could not be downloaded/,
    );
  });
});
