import { createServer } from "node:net";
import type { Emulator } from "@dbt-cloud-kit/emulator";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { baseInputs, emulator, JOBS } from "./emulator-env.js";
import { runBundle } from "./run-bundle.js";

let emu: Emulator;
beforeEach(async () => {
  emu = await emulator();
});
afterEach(async () => {
  await emu.close();
});

const until = async (check: () => boolean, what: string) => {
  for (let i = 0; i < 600 && !check(); i++) await new Promise((r) => setTimeout(r, 50));
  if (!check()) throw new Error(`timed out waiting for ${what}`);
};

describe("paths where something other than the run goes wrong", () => {
  it("writes status and the summary when waiting fails for good", async () => {
    emu.jobs.configure(JOBS.daily, { runSeconds: 3600 });
    emu.faults.add({ operation: "getRun", kind: "status", status: 401, count: 1000 });
    const result = await runBundle({ inputs: baseInputs(emu, JOBS.daily) });
    expect(result.code).toBe(1);
    expect(Number(result.outputs["run-id"])).toBeGreaterThan(0);
    expect(result.outputs["run-url"]).toMatch(/^http/);
    expect(result.outputs.status).toMatch(/^(queued|starting|running)$/);
    expect(result.summary).toContain(result.outputs["run-id"]);
  });

  it("reports the run's own outcome when downloading artifacts fails (not a 404)", async () => {
    emu.faults.add({ operation: "listRunArtifacts", kind: "status", status: 403, count: 1000 });
    const result = await runBundle({ inputs: baseInputs(emu, JOBS.daily) });
    expect(result.outputs.status).toBe("success");
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/::warning::.*artifacts/i);
    expect(result.summary).toContain("✅ dbt Cloud");
    expect(result.summary).toMatch(/\[!WARNING\]\n> The artifacts of run \d+ could not be downloaded/);
  });

  it("does not fail the step when dbt Cloud cancels a stale CI build", async () => {
    emu.jobs.configure(JOBS.ci, { runSeconds: 3600 });
    const ci = (sha: string, extra: Record<string, string> = {}) => ({
      ...baseInputs(emu, JOBS.ci),
      "pull-request-id": "17",
      "git-sha": sha,
      ...extra,
    });
    let newer: Promise<unknown> = Promise.resolve();
    const stale = await runBundle({
      inputs: ci("a".repeat(40)),
      onSpawn: (_child, stdout) => {
        void until(() => /Run \d+: (Queued|Starting|Running)/.test(stdout()), "the first status line").then(
          () => {
            newer = runBundle({ inputs: ci("b".repeat(40), { wait: "false" }) });
          },
        );
      },
    });
    await newer;
    expect(stale.outputs.status).toBe("cancelled");
    expect(stale.stdout).toMatch(/newer commit/);
    expect(stale.code).toBe(0);
  });

  it("names access-url and the proxy settings when dbt Cloud cannot be reached", async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as { port: number };
    await new Promise((resolve) => server.close(resolve));
    const result = await runBundle({
      inputs: { ...baseInputs(emu, JOBS.daily), "access-url": `http://127.0.0.1:${port}` },
    });
    expect(result.code).toBe(1);
    const error = result.stdout.split("\n").find((l) => l.startsWith("::error::")) ?? "";
    expect(error).toContain("ECONNREFUSED");
    expect(error).toContain("access-url");
    expect(error).toMatch(/HTTPS_PROXY/);
  });

  it("names the inputs to check when dbt Cloud refuses the token", async () => {
    const result = await runBundle({ inputs: { ...baseInputs(emu, JOBS.daily), "account-id": "999" } });
    expect(result.code).toBe(1);
    const error = result.stdout.split("\n").find((l) => l.startsWith("::error::")) ?? "";
    expect(error).toContain("403");
    expect(error).toContain("api-token, account-id, access-url");
  });
});
