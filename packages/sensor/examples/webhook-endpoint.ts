// Behind a webhook endpoint: dbt Cloud pushes job.run.completed; polling in the same process is the
// fallback for deliveries that never arrive. Both share one store, so each run is reported once.
import { createServer, type Server } from "node:http";
import type { DbtCloudWorkspace } from "@dbt-cloud-kit/client";
import {
  buildDbtCloudPollingSensor,
  createWebhookHandler,
  MemoryCursorStore,
  type SensorRun,
} from "@dbt-cloud-kit/sensor";

export function start(options: {
  workspace: DbtCloudWorkspace;
  secret: string;
  signal: AbortSignal;
  report: (run: SensorRun, via: string) => void;
}) {
  const sensor = buildDbtCloudPollingSensor({ workspace: options.workspace, minimumIntervalSeconds: 60 });
  const store = new MemoryCursorStore(); // FileCursorStore or PostgresCursorStore to survive restarts
  const handler = createWebhookHandler({
    secret: options.secret,
    sensor,
    store,
    onTick: (result) => {
      for (const run of result.runs) options.report(run, "webhook");
    },
  });
  const server: Server = createServer(handler);
  const polling = sensor.run({
    store,
    signal: options.signal,
    onTick: (result) => {
      for (const run of result.runs) options.report(run, "polling");
    },
  });
  return { server, handler, polling };
}
