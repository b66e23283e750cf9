import { failureReport, inputSpelling } from "@dbt-cloud-kit/app-kit";
import type { DbtRunSummary } from "@dbt-cloud-kit/assets";
import type { DbtCloudRun } from "@dbt-cloud-kit/client";
import type { ActionConfig } from "../config/action-config.js";
import { annotate } from "../github/action-log.js";
import type { RunReport } from "../summary/run-report.js";
import type { ActionResult } from "./action-result.js";

/** The pipeline's last step: publish the summary and PR comment, and say whether the step fails. */
export async function reportFinished(
  config: ActionConfig,
  report: RunReport,
  run: DbtCloudRun,
  results: DbtRunSummary | undefined,
): Promise<ActionResult> {
  const { facts } = report;
  const missingRequired = config.requiredArtifacts.filter((p) => facts.artifacts?.missing.includes(p));
  const { explanation, failure, notice } = failureReport(run, facts, {
    failOnError: config.failOnError,
    missingRequired,
    spell: inputSpelling,
    token: "api-token",
  });
  if (explanation !== undefined) facts.explanation = explanation;
  await report.publish(results);
  if (notice !== undefined) annotate("notice", notice);
  return {
    status: facts.status,
    ...(failure !== undefined ? { failure } : {}),
    ...(config.annotations && results ? { annotate: results } : {}),
  };
}
