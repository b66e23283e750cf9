import { DbtCloudClient } from "@dbt-cloud-kit/client";
import { DbtCloudCredentials } from "@dbt-cloud-kit/credentials";
import { expect, it } from "vitest";
import { startEmulator } from "../src/index.js";

it("the README's example runs as written", async () => {
  const emu = await startEmulator({ clock: { mode: "virtual" } });
  const client = new DbtCloudClient({
    credentials: DbtCloudCredentials.parse({
      accountId: emu.accountId,
      token: emu.token,
      accessUrl: emu.url,
    }),
  });
  const run = await client.triggerJobRun(emu.jobs.get("Failing tests").id, { cause: "demo" });
  emu.clock.advanceSeconds(600); // virtual clock: the run is over
  const finished = await client.getRun(run.id); // status 20, can_retry true
  const results = await client.getRunArtifact(run.id, "run_results.json");
  emu.jobs.configure("Failing tests", { failNodes: [] }); // "fix" the project
  const retry = await client.retryRun(run.id); // retries from the failed step, now passes
  emu.clock.advanceSeconds(600);
  const retried = await client.getRun(retry.id);
  await emu.close();

  expect(finished.status).toBe(20);
  expect(finished.can_retry).toBe(true);
  expect((results as { results: unknown[] }).results.length).toBeGreaterThan(20);
  expect(retried.status).toBe(10);
});
