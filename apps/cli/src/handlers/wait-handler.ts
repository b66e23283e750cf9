import type { CliContext } from "../context/cli-context.js";
import { createClient } from "../credentials/create-client.js";
import { OptionReader } from "../options/option-reader.js";
import { followRun } from "./follow-run.js";
import { readFollowOptions } from "./read-follow-options.js";
import { baseReport } from "./run-report.js";

/** `wait <run-id>`: follow an existing run as `run` follows the one it starts. */
export async function handler(
  ctx: CliContext,
  args: string[],
  options: Record<string, unknown>,
): Promise<number> {
  const reader = new OptionReader(options, ctx.env);
  const runId = reader.runId(args[0]);
  const follow = readFollowOptions(reader, options as { out?: string }, false);
  reader.done();
  const client = await createClient(ctx);
  try {
    const run = await client.getRun(runId, { signal: ctx.signal });
    return await followRun(ctx, client, run, baseReport(run, "attached", undefined), follow);
  } finally {
    await client.close();
  }
}
