import type { DbtCloudRun } from "@dbt-cloud-kit/client";
import type { OptionSpelling, RunFlowLog } from "./flow-log.js";

/** What to do when the job already has a run in flight. */
export type IfRunning = "queue" | "reuse" | "cancel";

/** The run an app follows, how it was obtained, and notes for the summary. */
export interface StartedRun {
  run: DbtCloudRun;
  how: "triggered" | "reused" | "retried";
  notes: string[];
}

/** Where start decisions are told, and how the app names its options in them. */
export interface StartRunReporting {
  log: RunFlowLog;
  spell: OptionSpelling;
}
