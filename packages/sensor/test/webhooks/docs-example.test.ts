import { once } from "node:events";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DbtCloudWorkspace } from "@dbt-cloud-kit/client";
import { credentialsFromEnv } from "@dbt-cloud-kit/credentials";
import { type Emulator, startEmulator } from "@dbt-cloud-kit/emulator";
import { afterEach, expect, it } from "vitest";
import {
  buildDbtCloudPollingSensor,
  createWebhookHandler,
  FileCursorStore,
  type TickResult,
  type WebhookResult,
} from "../../src/index.js";

let emu: Emulator | undefined;
let dir: string | undefined;
afterEach(async () => {
  await emu?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
  emu = undefined;
  dir = undefined;
});

it("the webhook endpoint example in docs/webhooks.md runs as written (against the emulator)", async () => {
  emu = await startEmulator({ clock: { mode: "real", speed: 1000 } });
  dir = await mkdtemp(join(tmpdir(), "sensor-webhook-doc-"));
  const env = {
    DBT_CLOUD_ACCOUNT_ID: String(emu.accountId),
    DBT_CLOUD_API_TOKEN: emu.token,
    DBT_CLOUD_ACCESS_URL: emu.url,
  };
  const secret = "doc-example-webhook-secret";
  const printed: string[] = [];

  // --- the example (credentials from the emulator, port 0, output captured) ---
  const workspace = new DbtCloudWorkspace({
    credentials: credentialsFromEnv(env),
    projectId: 11,
    environmentId: 101,
  });
  const sensor = buildDbtCloudPollingSensor({ workspace, minimumIntervalSeconds: 300 });
  const store = new FileCursorStore(join(dir, ".dbt-cloud-sensor/cursor.json"));
  const stop = new AbortController();

  const onTick = ({ runs, events }: TickResult | WebhookResult) => {
    for (const run of runs) {
      const count = events.filter((e) => e.runId === run.runId).length;
      printed.push(`run ${run.runId} ${run.statusName}: ${count} asset events`);
    }
  };

  const handler = createWebhookHandler({ secret, sensor, store, onTick, signal: stop.signal });
  const server = createServer(handler).listen(0, "127.0.0.1");
  await once(server, "listening");

  const running = sensor.run({ store, signal: stop.signal, onTick });
  // --- end of the example; now dbt Cloud (the emulator) delivers to it ---

  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  emu.webhooks.add({ url, secret, eventTypes: ["job.run.completed"] });
  const run = await workspace.client.triggerJobRun(1001, { cause: "docs example" });
  const deadline = Date.now() + 15_000;
  while (printed.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
  stop.abort();
  await running.catch(() => undefined);
  server.close();
  await handler.drain();

  expect(printed).toEqual([expect.stringMatching(new RegExp(`^run ${run.id} Success: \\d+ asset events$`))]);
  expect(Number(/: (\d+) asset events/.exec(printed[0]!)![1])).toBeGreaterThan(10);
  expect(emu.webhooks.deliveries()).toMatchObject([{ runId: run.id, outcome: "delivered", status: 202 }]);
  expect((await store.load()).cursor).toContain(String(run.id));
});
