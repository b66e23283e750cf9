import { textValue } from "@dbt-cloud-kit/app-kit";
import type { CliContext } from "../context/cli-context.js";
import { createClient } from "../credentials/create-client.js";
import { EXIT } from "../errors/exit-codes.js";
import { OptionReader } from "../options/option-reader.js";
import { writeJson } from "../output/json-output.js";
import { printTable } from "../output/table.js";
import { readScope } from "./scope.js";

/** `jobs`: the account's jobs, narrowed by project / environment / name. */
export async function handler(ctx: CliContext, _args: string[], options: { name?: string }): Promise<number> {
  const reader = new OptionReader(options, ctx.env);
  const scope = readScope(reader);
  const name = textValue()(options.name ?? "");
  if (!name.ok) reader.add({ source: "--name", problem: name.problem, fix: name.fix });
  reader.done();
  const client = await createClient(ctx);
  try {
    const jobs = await client
      .listJobs({
        ...(scope.projectId !== undefined ? { projectId: scope.projectId } : {}),
        ...(scope.environmentId !== undefined ? { environmentId: scope.environmentId } : {}),
        ...(name.ok && name.value ? { nameIcontains: name.value } : {}),
        signal: ctx.signal,
      })
      .toArray();
    const rows = jobs.map((j) => ({
      id: j.id,
      name: j.name ?? null,
      projectId: j.project_id ?? null,
      environmentId: j.environment_id ?? null,
      jobType: j.job_type ?? null,
      state: j.state ?? null,
      executeSteps: j.execute_steps ?? [],
    }));
    if (ctx.json) writeJson(ctx.stdout, rows);
    else
      printTable(
        ctx,
        [
          { header: "ID", value: (r) => r.id, trusted: true },
          { header: "PROJECT", value: (r) => r.projectId, trusted: true },
          { header: "ENV", value: (r) => r.environmentId, trusted: true },
          { header: "TYPE", value: (r) => r.jobType, maxWidth: 12 },
          { header: "NAME", value: (r) => r.name, maxWidth: 60 },
        ],
        rows,
      );
    return EXIT.success;
  } finally {
    await client.close();
  }
}
