/** Keys saved with core.saveState for the post step (read back as STATE_<key>). */
export const STEP_STATE = {
  runId: "dbt-cloud-run-id",
  /**
   * "waiting" while the main step polls (or a cancel failed): the post step cancels the run. "done",
   * "not-waiting" (left running on purpose) and "failed" (the main step's own error): nothing to do.
   */
  phase: "dbt-cloud-phase",
} as const;
