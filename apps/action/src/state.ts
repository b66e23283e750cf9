/** Keys saved with core.saveState for the post step (read back as STATE_<key>). */
export const STATE = {
  runId: "dbt-cloud-run-id",
  /** "waiting" while the main step polls; anything else means there is nothing for the post step to do. */
  phase: "dbt-cloud-phase",
} as const;

export type RunPhase = "waiting" | "done" | "not-waiting";
