import type { DbtCloudRun, DbtCloudRunStep } from "@dbt-cloud-kit/client";

/** The step that failed: the first one with status Error, else the last step that did not succeed. */
export function failedStep(run: DbtCloudRun): DbtCloudRunStep | undefined {
  const steps = [...(run.run_steps ?? [])].sort((a, b) => a.index - b.index);
  return steps.find((s) => s.status === 20) ?? steps.filter((s) => s.status !== 10).at(-1);
}

/** dbt Cloud cancels a stale CI run when a newer commit of the same pull request starts one. */
export function isStaleCiCancellation(run: DbtCloudRun): boolean {
  if (run.status !== 30) return false;
  return /stale|newer commit|more recent|superseded|new commit/i.test(run.status_message ?? "");
}

/** The action's reading of an outcome, for the final message. */
export function explainOutcome(run: DbtCloudRun): string | undefined {
  if (isStaleCiCancellation(run)) {
    return "dbt Cloud cancelled this CI run because a newer commit of the same pull request started another one; the newer run carries the result.";
  }
  const step = failedStep(run);
  if (run.status === 20 && step?.name && /clone git repository/i.test(step.name)) {
    const logs = step.logs ?? "";
    if (/not a tree|reference is not/i.test(logs)) {
      return "dbt Cloud could not check out the commit: it is not in the repository connected to the project (a fork's commit, or not pushed yet).";
    }
  }
  return undefined;
}

/** The last `maxLines` lines of a step's logs. */
export function tailLines(text: string, maxLines: number): string {
  const lines = text.replace(/\s+$/, "").split("\n");
  if (lines.length <= maxLines) return lines.join("\n");
  return [`… ${lines.length - maxLines} earlier lines omitted …`, ...lines.slice(-maxLines)].join("\n");
}
