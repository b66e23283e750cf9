import type { CliContext } from "../context/cli-context.js";
import { createClient } from "../credentials/create-client.js";
import { EXIT } from "../errors/exit-codes.js";
import { writeJson } from "../output/json-output.js";
import { printTable } from "../output/table.js";

/** `projects`: the account's projects. */
export async function handler(ctx: CliContext): Promise<number> {
  const client = await createClient(ctx);
  try {
    const projects = await client.listProjects({ signal: ctx.signal }).toArray();
    const rows = projects.map((p) => ({
      id: p.id,
      name: p.name ?? null,
      description: p.description ?? null,
    }));
    if (ctx.json) writeJson(ctx.stdout, rows);
    else
      printTable(
        ctx,
        [
          { header: "ID", value: (r) => r.id, trusted: true },
          { header: "NAME", value: (r) => r.name, maxWidth: 80 },
        ],
        rows,
      );
    return EXIT.success;
  } finally {
    await client.close();
  }
}
