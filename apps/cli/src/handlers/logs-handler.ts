import { failedStep, positiveIntegerValue } from "@dbt-cloud-kit/app-kit";
import { runStatusName } from "@dbt-cloud-kit/client";
import type { CliContext } from "../context/cli-context.js";
import { createClient } from "../credentials/create-client.js";
import { CliUsageError } from "../errors/cli-errors.js";
import { EXIT } from "../errors/exit-codes.js";
import { OptionReader } from "../options/option-reader.js";
import { writeJson } from "../output/json-output.js";

/** `logs <run-id> [--step N] [--failed]`: step logs, every line through the untrusted-text printer. */
export async function handler(
  ctx: CliContext,
  args: string[],
  options: { step?: string; failed?: boolean },
): Promise<number> {
  const reader = new OptionReader(options, ctx.env);
  const runId = reader.runId(args[0]);
  const stepIndex = positiveIntegerValue("--step to a 1-based step index")(options.step ?? "");
  if (!stepIndex.ok) reader.add({ source: "--step", problem: stepIndex.problem, fix: stepIndex.fix });
  if (options.failed && options.step !== undefined) {
    reader.add({
      source: "--failed",
      problem: "is given together with --step",
      fix: "give only one of --step and --failed",
    });
  }
  reader.done();
  const client = await createClient(ctx);
  try {
    const run = await client.getRun(runId, { includeRelated: ["run_steps"], signal: ctx.signal });
    const all = [...(run.run_steps ?? [])].sort((a, b) => a.index - b.index);
    let steps = all;
    if (stepIndex.ok && stepIndex.value !== undefined) {
      steps = all.filter((s) => s.index === stepIndex.value);
      if (steps.length === 0) {
        throw new CliUsageError([
          {
            source: "--step",
            problem: `run ${runId} has no step ${stepIndex.value} (it has ${all.length} step${all.length === 1 ? "" : "s"})`,
            fix:
              all.length > 0
                ? `use a step from 1 to ${all.length}`
                : "the run has no steps yet; try again when it runs",
          },
        ]);
      }
    } else if (options.failed) {
      const failed = run.status >= 20 ? failedStep(run) : undefined;
      steps = failed ? [failed] : [];
      if (!failed) ctx.info(`Run ${runId} has no failed step (it is ${runStatusName(run.status)}).`);
    }
    if (ctx.json) {
      writeJson(ctx.stdout, {
        runId,
        steps: steps.map((s) => ({
          index: s.index,
          name: s.name ?? null,
          status: s.status ?? null,
          logs: s.logs ?? null,
        })),
      });
      return EXIT.success;
    }
    for (const step of steps) {
      const status =
        step.status !== undefined && step.status !== null ? ` (${runStatusName(step.status)})` : "";
      ctx.out.line(`${ctx.outStyle.bold(`=== Step ${step.index}${status}:`)} `, step.name ?? "");
      if (step.logs) ctx.out.block(step.logs);
      else ctx.out.text(ctx.outStyle.dim("(no logs)"));
    }
    return EXIT.success;
  } finally {
    await client.close();
  }
}
