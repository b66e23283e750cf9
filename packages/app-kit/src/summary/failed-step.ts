import type { DbtCloudRun, DbtCloudRunStep } from "@dbt-cloud-kit/client";

/** The step that failed: the first one with status Error, else the last step that did not succeed. */
export function failedStep(run: DbtCloudRun): DbtCloudRunStep | undefined {
  const steps = [...(run.run_steps ?? [])].sort((a, b) => a.index - b.index);
  return steps.find((s) => s.status === 20) ?? steps.filter((s) => s.status !== 10).at(-1);
}
