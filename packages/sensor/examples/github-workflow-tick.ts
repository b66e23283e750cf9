// One tick per invocation (a scheduled GitHub workflow): the cursor file is restored before and saved
// after by actions/cache; events go to stdout as JSON lines for the next step.
import { DbtCloudWorkspace } from "@dbt-cloud-kit/client";
import { credentialsFromEnv } from "@dbt-cloud-kit/credentials";
import { buildDbtCloudPollingSensor, FileCursorStore } from "@dbt-cloud-kit/sensor";

export async function main(
  options: { workspace?: DbtCloudWorkspace; cursorFile?: string; write?: (line: string) => void } = {},
) {
  const workspace =
    options.workspace ??
    new DbtCloudWorkspace({
      credentials: credentialsFromEnv(),
      projectId: Number(process.env.DBT_CLOUD_PROJECT_ID),
      environmentId: Number(process.env.DBT_CLOUD_ENVIRONMENT_ID),
    });
  const write = options.write ?? ((line: string) => process.stdout.write(`${line}\n`));
  const store = new FileCursorStore(options.cursorFile ?? ".dbt-cloud-sensor/cursor.json");
  const sensor = buildDbtCloudPollingSensor({ workspace });
  const { cursor, version } = await store.load();
  const result = await sensor.tick({ cursor, budgetMs: 5 * 60_000 });
  for (const event of result.events) write(JSON.stringify(event));
  // Saved only after the events are out: a failed step re-reports them next time (at-least-once).
  const saved = await store.save(result.cursor, version);
  if (!saved.ok) throw new Error("The cursor file changed during the tick; is another job using it?");
  return result;
}
