/** Keys saved with core.saveState for the post step (read back as STATE_<key>). */
export const STATE = {
  runId: "dbt-cloud-run-id",
  /** "waiting" while the main step polls; anything else means there is nothing for the post step to do. */
  phase: "dbt-cloud-phase",
} as const;

/** "failed": the main step ended with an error of its own; the run (if any) is left as it is. */
export type RunPhase = "waiting" | "done" | "not-waiting" | "failed";
