import { actionStatusOf } from "@dbt-cloud-kit/app-kit";
import { isTerminalStatus, runStatusName } from "@dbt-cloud-kit/client";
import type { CliContext } from "../context/cli-context.js";
import { createClient } from "../credentials/create-client.js";
import { EXIT } from "../errors/exit-codes.js";
import { OptionReader } from "../options/option-reader.js";
import { writeJson } from "../output/json-output.js";

/** `cancel <run-id>`: cancels a run in flight; a run that already ended is left as it is (exit 0). */
export async function handler(
  ctx: CliContext,
  args: string[],
  options: Record<string, unknown>,
): Promise<number> {
  const reader = new OptionReader(options, ctx.env);
  const runId = reader.runId(args[0]);
  reader.done();
  const client = await createClient(ctx);
  try {
    const before = await client.getRun(runId, { signal: ctx.signal });
    const alreadyEnded = isTerminalStatus(before.status);
    const run = alreadyEnded ? before : await client.cancelRun(runId, { signal: ctx.signal });
    const result = {
      runId,
      runUrl: run.href ?? null,
      cancelled: !alreadyEnded,
      previousStatus: actionStatusOf(before.status),
      status: actionStatusOf(run.status),
      statusCode: run.status,
    };
    if (ctx.json) writeJson(ctx.stdout, result);
    else if (alreadyEnded)
      ctx.out.text(`Run ${runId} already ended (${runStatusName(before.status)}); nothing to cancel.`);
    else ctx.out.text(`Cancelled run ${runId} (it was ${runStatusName(before.status)}).`);
    return EXIT.success;
  } finally {
    await client.close();
  }
}
