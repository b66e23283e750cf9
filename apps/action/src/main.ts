import * as core from "@actions/core";
import { DbtCloudClient } from "@dbt-cloud-kit/client";
import { ActionInputError } from "./config/input-error.js";
import { parseConfig } from "./config/parse-config.js";
import { readRawInputs } from "./config/read-inputs.js";
import { renamedInputProblems } from "./config/renamed-inputs.js";
import { annotate, annotationsLeft, debug, fail, resetAnnotationCounts } from "./github/action-log.js";
import { coreLogger } from "./github/core-logger.js";
import { readGithubContext } from "./github/github-context.js";
import { failureMessage } from "./run/error-hint.js";
import { httpOptions } from "./run/http-options.js";
import { runAction } from "./run/run-action.js";
import { abortOnSignals } from "./run/wait-for-run.js";
import { STATE } from "./state.js";
import { annotationsFor } from "./summary/annotations.js";

/** The action's main step. Everything ends in at most one setFailed; never process.exit. */
export async function run(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const signals = abortOnSignals();
  resetAnnotationCounts();
  try {
    const raw = readRawInputs(env);
    // Mask secrets before anything can log them.
    if (raw["api-token"]) core.setSecret(raw["api-token"]);
    if (raw["github-token"]) core.setSecret(raw["github-token"]);
    for (const name of ["INPUT_DBT_CLOUD_TOKEN", "INPUT_API_TOKEN"]) if (env[name]) core.setSecret(env[name]);
    const renamed = renamedInputProblems(env);
    if (renamed.length > 0) throw new ActionInputError(renamed);
    const context = readGithubContext(env);
    const config = parseConfig(raw, context);
    const client = new DbtCloudClient({
      credentials: config.credentials,
      logger: coreLogger(),
      requestTimeoutMs: config.requestTimeoutMs,
      ...(await httpOptions(env)),
    });
    const result = await runAction(config, context, client, signals.signal);
    // The run-level error first, then the failed nodes in what is left of GitHub's 10 per level.
    if (result.failure) fail(result.failure);
    if (result.annotate) {
      const elsewhere = config.jobSummary ? "in the job summary" : "in the run's page in dbt Cloud";
      const room = { error: annotationsLeft("error"), warning: annotationsLeft("warning") };
      for (const a of annotationsFor(result.annotate, room, elsewhere)) {
        annotate(a.level, a.message, { title: a.title, ...(a.file ? { file: a.file } : {}) });
      }
    }
  } catch (error) {
    // The step ended on its own: the post step must not cancel a run it merely lost contact with.
    if (!signals.signal.aborted) core.saveState(STATE.phase, "failed");
    fail(failureMessage(error));
    if (error instanceof Error && error.stack) debug(error.stack);
  } finally {
    signals.dispose();
  }
}
