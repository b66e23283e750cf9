/** The dbt Cloud run ended in error or was cancelled; events from its run_results were already yielded. */
export class DbtCloudRunError extends Error {
  override readonly name = "DbtCloudRunError";
  readonly runId: number;
  /** 20 (error) or 30 (cancelled). */
  readonly status: number;
  readonly statusHumanized: string;
  readonly runUrl: string | undefined;
  /** Unique ids that failed (from run_results), when known. */
  readonly failedUniqueIds: readonly string[];

  constructor(details: {
    runId: number;
    status: number;
    statusHumanized: string;
    runUrl?: string | undefined;
    statusMessage?: string | undefined;
    failedUniqueIds?: readonly string[];
    cause?: unknown;
  }) {
    const failed = details.failedUniqueIds ?? [];
    const reason = details.statusMessage ? `: ${details.statusMessage}` : "";
    const nodes =
      failed.length > 0
        ? ` Failed nodes: ${failed.slice(0, 10).join(", ")}${failed.length > 10 ? ", …" : ""}.`
        : "";
    const link = details.runUrl ? ` See ${details.runUrl}` : "";
    super(
      `dbt Cloud run ${details.runId} ended ${details.statusHumanized.toLowerCase()}${reason}.${nodes}${link}`,
      {
        cause: details.cause,
      },
    );
    this.runId = details.runId;
    this.status = details.status;
    this.statusHumanized = details.statusHumanized;
    this.runUrl = details.runUrl;
    this.failedUniqueIds = failed;
  }
}
