import { ARTIFACT_OPTIONS, artifactsUnavailable, downloadArtifacts } from "@dbt-cloud-kit/app-kit";
import type { CliContext } from "../context/cli-context.js";
import { createClient } from "../credentials/create-client.js";
import { EXIT } from "../errors/exit-codes.js";
import { OptionReader } from "../options/option-reader.js";
import { writeJson } from "../output/json-output.js";

/** `artifacts <run-id> [paths…]`: the action's artifact download, on its own. */
export async function handler(
  ctx: CliContext,
  args: string[],
  options: { out?: string; step?: string; list?: boolean },
): Promise<number> {
  const reader = new OptionReader(options, ctx.env);
  const runId = reader.runId(args[0]);
  const explicit = args.slice(1);
  const paths = ARTIFACT_OPTIONS.artifacts.check(
    explicit.length > 0 ? explicit.join("\n") : (ARTIFACT_OPTIONS.artifacts.defaultValue ?? ""),
  );
  if (!paths.ok) reader.add({ source: "[paths…]", problem: paths.problem, fix: paths.fix });
  const dir = ARTIFACT_OPTIONS.artifactsDir.check(
    options.out ?? ARTIFACT_OPTIONS.artifactsDir.defaultValue ?? "",
  );
  if (!dir.ok) reader.add({ source: "--out", problem: dir.problem, fix: dir.fix });
  const step = ARTIFACT_OPTIONS.artifactsStep.check(options.step ?? "auto");
  if (!step.ok) reader.add({ source: "--step", problem: step.problem, fix: step.fix });
  reader.done();
  if (!paths.ok || !dir.ok || !step.ok) return EXIT.usage;
  const client = await createClient(ctx);
  try {
    if (options.list) {
      const listed = await client.listRunArtifacts(runId, { signal: ctx.signal });
      if (ctx.json) writeJson(ctx.stdout, { runId, artifacts: listed });
      else for (const path of listed) ctx.out.line("- ", path);
      return EXIT.success;
    }
    const run = await client.getRun(runId, { includeRelated: ["run_steps"], signal: ctx.signal });
    const downloads = await downloadArtifacts(
      client,
      run,
      paths.value,
      dir.value,
      step.value,
      ctx.signal,
    ).catch((error: unknown) => {
      if (ctx.signal.aborted) throw error;
      return artifactsUnavailable(run, paths.value, dir.value, error);
    });
    for (const w of downloads.warnings) ctx.warn("", w);
    if (ctx.json) {
      writeJson(ctx.stdout, {
        runId,
        dir: downloads.dir,
        step: downloads.step ?? null,
        files: Object.fromEntries(downloads.files),
        missing: downloads.missing,
        warnings: downloads.warnings,
      });
    } else {
      for (const [path, file] of downloads.files)
        ctx.out.line(`${ctx.outStyle.green("✔")} `, `${path} → ${file}`);
      for (const path of downloads.missing)
        ctx.out.line(`${ctx.outStyle.red("✖")} `, `${path} (not downloaded)`);
    }
    // Paths named on the command line must all arrive; the default pair is best effort, as in the action.
    const missingExplicit = explicit.length > 0 && downloads.missing.length > 0;
    return missingExplicit || downloads.error !== undefined ? EXIT.apiError : EXIT.success;
  } finally {
    await client.close();
  }
}
