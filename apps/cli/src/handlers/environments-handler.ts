import type { CliContext } from "../context/cli-context.js";
import { createClient } from "../credentials/create-client.js";
import { EXIT } from "../errors/exit-codes.js";
import { OptionReader } from "../options/option-reader.js";
import { writeJson } from "../output/json-output.js";
import { printTable } from "../output/table.js";
import { readScope } from "./scope.js";

/** `environments`: of --project-id (or DBT_CLOUD_PROJECT_ID), else of every project. */
export async function handler(ctx: CliContext, _args: string[], options: object): Promise<number> {
  const reader = new OptionReader(options, ctx.env);
  const { projectId } = readScope(reader, { environment: false });
  reader.done();
  const client = await createClient(ctx);
  try {
    const projectIds =
      projectId !== undefined
        ? [projectId]
        : (await client.listProjects({ signal: ctx.signal }).toArray()).map((p) => p.id);
    const rows = [];
    for (const id of projectIds) {
      for (const e of await client.listEnvironments(id, { signal: ctx.signal }).toArray()) {
        rows.push({
          id: e.id,
          projectId: e.project_id ?? id,
          name: e.name ?? null,
          type: e.type ?? null,
          deploymentType: e.deployment_type ?? null,
          dbtVersion: e.dbt_version ?? null,
        });
      }
    }
    if (ctx.json) writeJson(ctx.stdout, rows);
    else
      printTable(
        ctx,
        [
          { header: "ID", value: (r) => r.id, trusted: true },
          { header: "PROJECT", value: (r) => r.projectId, trusted: true },
          { header: "TYPE", value: (r) => r.type, maxWidth: 12 },
          { header: "DEPLOYMENT", value: (r) => r.deploymentType, maxWidth: 12 },
          { header: "DBT", value: (r) => r.dbtVersion, maxWidth: 16 },
          { header: "NAME", value: (r) => r.name, maxWidth: 60 },
        ],
        rows,
      );
    return EXIT.success;
  } finally {
    await client.close();
  }
}
