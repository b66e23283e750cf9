import { RunStatus } from "@dbt-cloud-kit/client";
import { describe, expect, it } from "vitest";
import { clientFor, emulator } from "./helpers.js";

describe("run lifecycle on a virtual clock", () => {
  it("moves Queued -> Starting -> Running -> Success as the clock advances", async () => {
    const emu = await emulator();
    const client = clientFor(emu);
    const job = emu.jobs.get("Daily build");
    const run = await client.triggerJobRun(job.id, { cause: "lifecycle test" });
    expect(run.status).toBe(RunStatus.Queued);
    expect(run.job_definition_id).toBe(job.id);
    expect(run.href).toBe(`${emu.url}/deploy/${emu.accountId}/projects/${job.projectId}/runs/${run.id}/`);

    emu.clock.advanceSeconds(job.behaviour.queuedSeconds);
    expect((await client.getRun(run.id)).status).toBe(RunStatus.Starting);
    emu.clock.advanceSeconds(job.behaviour.startingSeconds);
    const running = await client.getRun(run.id, { includeRelated: ["run_steps"] });
    expect(running.status).toBe(RunStatus.Running);
    expect(running.started_at).toBeTruthy();
    expect(running.finished_at ?? null).toBeNull();
    expect(running.run_steps?.map((s) => s.name)).toEqual(["Clone git repository"]);

    emu.clock.advanceSeconds(3600);
    const done = await client.getRun(run.id, { includeRelated: ["run_steps", "trigger"] });
    expect(done.status).toBe(RunStatus.Success);
    expect(done.is_complete).toBe(true);
    expect(done.trigger?.cause).toBe("lifecycle test");
    expect(done.run_steps?.map((s) => s.name)).toEqual([
      "Clone git repository",
      "Create profile from connection Postgres",
      "Invoke dbt with `dbt deps`",
      "Invoke dbt with `dbt build`",
    ]);
    expect(done.run_steps?.every((s) => s.status === RunStatus.Success)).toBe(true);
    const started = Date.parse(done.started_at ?? "");
    const finished = Date.parse(done.finished_at ?? "");
    expect(finished).toBeGreaterThan(started);
  });

  it("reports a failing node as an Error run with the failed step last and later steps skipped", async () => {
    const emu = await emulator();
    const client = clientFor(emu);
    const job = emu.jobs.get("Model error");
    const run = await client.triggerJobRun(job.id, { cause: "model error" });
    emu.clock.advanceSeconds(3600);
    const done = await client.getRun(run.id, { includeRelated: ["run_steps"] });
    expect(done.status).toBe(RunStatus.Error);
    expect(done.run_steps?.at(-1)?.name).toBe("Invoke dbt with `dbt run`");
    expect(done.run_steps?.at(-1)?.status).toBe(RunStatus.Error);
    expect(done.run_steps?.at(-1)?.logs).toContain("ERROR creating model dbt_prod.stg_payments");
    const details = await client.getRunFailureDetails(run.id);
    expect(details.failed_step).toBe("Invoke dbt with `dbt run`");
    expect(details.skipped_steps).toEqual(["Invoke dbt with `dbt test`"]);
  });

  it("reports the configured statusMessage of a failed or cancelled run verbatim (hostile text for clients)", async () => {
    const emu = await emulator();
    const client = clientFor(emu);
    const message = "Boom\n::error::injected\r##[group]x";
    emu.jobs.configure("Model error", { statusMessage: message });
    const failed = await client.triggerJobRun(emu.jobs.get("Model error").id, { cause: "message" });
    emu.jobs.configure("Daily build", { outcome: "cancelled", statusMessage: message });
    const cancelled = await client.triggerJobRun(emu.jobs.get("Daily build").id, { cause: "message" });
    emu.clock.advanceSeconds(3600);
    expect((await client.getRun(failed.id)).status_message).toBe(message);
    expect((await client.getRun(cancelled.id)).status).toBe(RunStatus.Cancelled);
    expect((await client.getRun(cancelled.id)).status_message).toBe(message);
    expect(() => emu.jobs.configure("Daily build", { statusMessage: "" })).toThrow(/statusMessage/);
  });

  it("waitForRun through the real client sees a whole run finish with a real clock and a speed factor", async () => {
    const emu = await emulator({ clock: { mode: "real", speed: 200 } });
    const client = clientFor(emu);
    const run = await client.triggerJobRun(emu.jobs.get("Daily build").id, { cause: "speed" });
    const done = await client.waitForRun(run.id, {
      pollIntervalMs: 50,
      initialPollIntervalMs: 20,
      timeoutMs: 60_000,
    });
    expect(done.status).toBe(RunStatus.Success);
  });

  it("applies per-job durations: runSeconds sets the length of the running phase", async () => {
    const emu = await emulator({
      accounts: [
        {
          id: 5,
          projects: [
            {
              name: "P",
              environments: [
                {
                  name: "Prod",
                  jobs: [
                    {
                      id: 9,
                      name: "Timed",
                      behaviour: { queuedSeconds: 1, startingSeconds: 1, runSeconds: 100 },
                    },
                  ],
                },
              ],
            },
          ],
        },
      ],
    });
    const client = clientFor(emu);
    const run = await client.triggerJobRun(9, { cause: "timed" });
    emu.clock.advanceSeconds(2 + 99);
    expect((await client.getRun(run.id)).status).toBe(RunStatus.Running);
    emu.clock.advanceSeconds(2);
    const done = await client.getRun(run.id);
    expect(done.status).toBe(RunStatus.Success);
    expect(Date.parse(done.finished_at ?? "") - Date.parse(done.started_at ?? "")).toBeGreaterThanOrEqual(
      99_000,
    );
    expect(Date.parse(done.finished_at ?? "") - Date.parse(done.started_at ?? "")).toBeLessThanOrEqual(
      101_000,
    );
  });
});
