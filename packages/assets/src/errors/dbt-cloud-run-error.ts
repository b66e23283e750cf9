import { type DbtCloudRun, DbtCloudRunFailedError, runStatusName } from "@dbt-cloud-kit/client";

/**
 * The dbt Cloud run of an execution ended in error or was cancelled; the events of its run_results
 * were yielded before this is thrown. A `DbtCloudRunFailedError` (so code catching the client's
 * error catches it too) that also names the nodes that failed.
 */
export class DbtCloudRunError extends DbtCloudRunFailedError {
  override name = "DbtCloudRunError";
  readonly runId: number;
  /** `status_humanized`, e.g. `Error` or `Cancelled`. */
  readonly statusHumanized: string;
  readonly runUrl: string | undefined;
  /** Unique ids of models that errored and error-severity tests that failed, from run_results. */
  readonly failedUniqueIds: readonly string[];

  constructor(run: DbtCloudRun, failedUniqueIds: readonly string[] = [], options?: { cause?: unknown }) {
    super(run, options);
    this.runId = run.id;
    this.statusHumanized = run.status_humanized ?? runStatusName(run.status);
    this.runUrl = run.href ?? undefined;
    this.failedUniqueIds = failedUniqueIds;
    const reason = run.status_message ? `: ${run.status_message}` : "";
    const shown = failedUniqueIds.slice(0, 10).join(", ");
    const nodes =
      failedUniqueIds.length > 0 ? ` Failed nodes: ${shown}${failedUniqueIds.length > 10 ? ", …" : ""}.` : "";
    const link = this.runUrl ? ` See ${this.runUrl}` : "";
    this.message = `dbt Cloud run ${run.id} ended ${this.statusHumanized.toLowerCase()}${reason}.${nodes}${link}`;
  }
}
