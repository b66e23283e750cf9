import { type ActionStatus, factsFromRun, type SummaryFacts } from "@dbt-cloud-kit/app-kit";
import type { DbtRunSummary } from "@dbt-cloud-kit/assets";
import type { DbtCloudRun } from "@dbt-cloud-kit/client";
import type { ActionConfig } from "../config/action-config.js";
import type { GithubContext } from "../github/github-context.js";
import { writeRunState } from "../outputs/run-outputs.js";
import { publishReport } from "./publish-report.js";

/** The facts of one step's run, kept in step with the status outputs, and published as configured. */
export class RunReport {
  readonly #config: ActionConfig;
  readonly #context: GithubContext;
  readonly facts: SummaryFacts;

  constructor(config: ActionConfig, context: GithubContext, facts: SummaryFacts) {
    this.#config = config;
    this.#context = context;
    this.facts = facts;
  }

  /** Writes the status outputs of `run` and records the same in the facts (one clock reading for both). */
  recordRun(run: DbtCloudRun, status: ActionStatus): void {
    const now = new Date();
    writeRunState(run, status, now);
    Object.assign(this.facts, factsFromRun(run, { status, now }));
  }

  /** The job summary and PR comment (neither can fail the step). */
  publish(results?: DbtRunSummary): Promise<void> {
    return publishReport(this.#config, this.#context, this.facts, results);
  }
}
