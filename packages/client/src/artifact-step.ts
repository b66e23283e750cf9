import type { DbtCloudRun } from "./models/run.js";
import type { DbtCloudRunStep } from "./models/run-step.js";

/** dbt commands that write `run_results.json` describing models/tests (not docs or freshness). */
const RESULT_COMMANDS = new Set([
  "build",
  "run",
  "test",
  "seed",
  "snapshot",
  "compile",
  "run-operation",
  "retry",
  "clone",
  "show",
]);
const MAIN_COMMANDS = new Set(["build", "run", "test", "seed", "snapshot", "retry"]);

/** The dbt subcommand of a step (`Invoke dbt with \`dbt build ...\``), or undefined for non-dbt steps. */
export function stepDbtCommand(step: DbtCloudRunStep): string | undefined {
  const command = step.run_step_command?.dbt_command ?? /`(dbt\s[^`]*)`/.exec(step.name ?? "")?.[1];
  if (!command) return undefined;
  const tokens = command.trim().split(/\s+/).slice(1);
  // Skip global flags (`dbt --debug build`).
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as string;
    if (!token.startsWith("-"))
      return token === "docs" || token === "source" ? `${token} ${tokens[i + 1] ?? ""}`.trim() : token;
  }
  return undefined;
}

/**
 * The 1-based index of the step whose artifacts describe the run: the last step that invoked
 * `build`/`run`/`test`/`seed`/`snapshot`/`retry` (falling back to another run_results-writing
 * command such as `compile`), never `docs generate` or `source freshness`. Undefined when the run
 * has no `run_steps` (fetch it with `includeRelated: ["run_steps"]`) or no such step.
 */
export function chooseArtifactStep(run: Pick<DbtCloudRun, "run_steps">): number | undefined {
  const steps = [...(run.run_steps ?? [])].sort((a, b) => a.index - b.index);
  let fallback: number | undefined;
  let main: number | undefined;
  for (const step of steps) {
    const command = stepDbtCommand(step);
    if (command === undefined) continue;
    if (MAIN_COMMANDS.has(command)) main = step.index;
    else if (RESULT_COMMANDS.has(command)) fallback = step.index;
  }
  return main ?? fallback;
}
