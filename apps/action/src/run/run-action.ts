import type { DbtCloudClient } from "@dbt-cloud-kit/client";
import type { ActionConfig } from "../config/action-config.js";
import { annotate } from "../github/action-log.js";
import type { GithubContext } from "../github/github-context.js";
import { RunReport } from "../summary/run-report.js";
import { startFacts } from "../summary/start-facts.js";
import type { ActionResult } from "./action-result.js";
import { downloadResults } from "./download-results.js";
import { recordFinishedRun } from "./record-finished-run.js";
import { reportFinished } from "./report-finished.js";
import { reportNotWaiting } from "./report-not-waiting.js";
import { reportUnfinished } from "./report-unfinished.js";
import { resolveJob } from "./resolve-job.js";
import { resolveTrigger } from "./resolve-trigger.js";
import { startRun } from "./start-run.js";
import { waitForRunEnd } from "./wait-for-run-end.js";

/** The whole action after inputs are validated: resolve the job, start or adopt a run, wait, read results, report. */
export async function runAction(
  config: ActionConfig,
  context: GithubContext,
  client: DbtCloudClient,
  signal: AbortSignal,
): Promise<ActionResult> {
  const job = await resolveJob(client, config.job, signal);
  const trigger = resolveTrigger(config, context, job.id);
  for (const warning of trigger.warnings) annotate("warning", warning);
  const started = await startRun(client, config, job.id, trigger, signal);
  const report = new RunReport(config, context, startFacts(context, job, started, trigger));
  report.facts.warnings.push(...trigger.warnings);
  if (!config.wait) return reportNotWaiting(report, started.run);

  const outcome = await waitForRunEnd(client, config, started.run, report, signal);
  if (outcome.kind !== "finished") return reportUnfinished(client, config, report, outcome, started.run);
  const run = await recordFinishedRun(client, config, outcome.run, job, report, signal);
  const results = await downloadResults(client, config, run, report, signal);
  return reportFinished(config, report, run, results);
}
