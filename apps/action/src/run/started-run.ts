import type { DbtCloudRun } from "@dbt-cloud-kit/client";

/** The run this step follows, how it was obtained, and notes for the summary. */
export interface StartedRun {
  run: DbtCloudRun;
  how: "triggered" | "reused" | "retried";
  notes: string[];
}

/** Where the run start decisions are told (the step's log). */
export type Log = (message: string) => void;
