// A sensor in a long-running Node process: one loop, cursor in a file, stops on SIGTERM.
import { DbtCloudWorkspace } from "@dbt-cloud-kit/client";
import { credentialsFromEnv } from "@dbt-cloud-kit/credentials";
import { buildDbtCloudPollingSensor, FileCursorStore, type TickResult } from "@dbt-cloud-kit/sensor";

export async function main(
  options: {
    workspace?: DbtCloudWorkspace;
    signal?: AbortSignal;
    cursorFile?: string;
    onTick?: (r: TickResult) => void;
  } = {},
) {
  const workspace =
    options.workspace ??
    new DbtCloudWorkspace({ credentials: credentialsFromEnv(), projectId: 11, environmentId: 101 });
  const sensor = buildDbtCloudPollingSensor({ workspace, minimumIntervalSeconds: 30 });
  const stop = new AbortController();
  process.once("SIGTERM", () => stop.abort());
  options.signal?.addEventListener("abort", () => stop.abort(), { once: true });
  await sensor.run({
    store: new FileCursorStore(options.cursorFile ?? ".dbt-cloud-sensor/cursor.json"),
    signal: stop.signal,
    onTick: async (result) => {
      for (const run of result.runs) console.log(`run ${run.runId} (job ${run.jobId}) ${run.statusName}`);
      for (const event of result.events) console.log(`  ${event.type} ${event.assetKey.join("/")}`);
      options.onTick?.(result);
    },
  });
}
