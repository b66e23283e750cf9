import type { DbtRunSummary } from "@dbt-cloud-kit/assets";
import type { DbtCloudRun } from "@dbt-cloud-kit/client";
import type { ActionConfig } from "../config/action-config.js";
import { annotate } from "../github/action-log.js";
import type { RunReport } from "../summary/run-report.js";
import type { ActionResult } from "./action-result.js";
import { failureReport } from "./failure-report.js";

/** The pipeline's last step: publish the summary and PR comment, and say whether the step fails. */
export async function reportFinished(
  config: ActionConfig,
  report: RunReport,
  run: DbtCloudRun,
  results: DbtRunSummary | undefined,
): Promise<ActionResult> {
  const { facts } = report;
  const missingRequired = config.requiredArtifacts.filter((p) => facts.artifacts?.missing.includes(p));
  if (facts.status === "success" && missingRequired.length > 0) {
    facts.explanation = `The run succeeded but did not produce ${missingRequired.join(", ")}, which the artifacts input asks for.`;
  }
  await report.publish(results);
  const { failure, notice } = failureReport(run, facts, { failOnError: config.failOnError, missingRequired });
  if (notice !== undefined) annotate("notice", notice);
  return {
    status: facts.status,
    ...(failure !== undefined ? { failure } : {}),
    ...(config.annotations && results ? { annotate: results } : {}),
  };
}
