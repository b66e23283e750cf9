import type { Logger } from "@dbt-cloud-kit/client";

/** One node of a run, as the summary reports it. */
export interface DbtSummaryNode {
  uniqueId: string;
  /** The node's name (from the manifest, else the last part of the unique id). */
  name: string;
  resourceType: string;
  status: string;
  /** Seconds dbt spent on the node (`execution_time`). */
  executionTime: number;
  /** dbt's message, e.g. the database error or `Got 3 results, configured to fail if != 0`. */
  message?: string;
  /** Warehouse relation, e.g. `"analytics"."prod"."orders"`. */
  relationName?: string;
  /** File in the dbt project, e.g. `models/marts/orders.sql` (needs the manifest). */
  originalFilePath?: string;
  /** Failed row count of a test. */
  failures?: number;
}

/** A node's bar on a Gantt chart of the run. */
export interface DbtTimelineEntry {
  uniqueId: string;
  name: string;
  resourceType: string;
  status: string;
  /** dbt's worker thread, e.g. `Thread-3`: one Gantt lane per thread. */
  thread?: string;
  startedAt: string;
  completedAt: string;
  /** Seconds from the earliest start in the run. */
  startOffsetSeconds: number;
  durationSeconds: number;
}

/** The chain of dependent nodes that took longest, end to end. */
export interface DbtCriticalPath {
  /**
   * `dependencies`: a longest path over the manifest's `depends_on` edges between nodes of the run;
   * `timing`: no manifest, so each step is the node that finished last before the next one started.
   */
  method: "dependencies" | "timing";
  /** Sum of the nodes' execution times. */
  totalSeconds: number;
  /** From the first node to the last. */
  nodes: DbtSummaryNode[];
  /** The same nodes' bars (start, end, thread) for a Gantt chart; nodes without timing are left out. */
  timeline: DbtTimelineEntry[];
}

/** What `summarizeRunResults` returns: everything a job summary or PR comment shows. */
export interface DbtRunSummary {
  invocationId?: string;
  /** dbt's `elapsed_time`, seconds. */
  elapsedSeconds?: number;
  /** Earliest start and latest completion over all `timing` entries. */
  startedAt?: string;
  completedAt?: string;
  /** Number of results. */
  total: number;
  /** Results per status, e.g. `{ success: 40, pass: 120, fail: 1 }` (a record without prototype). */
  byStatus: Record<string, number>;
  /**
   * Results per resource type, then status: `{ model: { success: 40 }, test: { pass: 120, fail: 1 } }`
   * (records without prototype, so a status or type named `__proto__` or `constructor` is just a key).
   */
  byResourceType: Record<string, Record<string, number>>;
  /** `error`, `fail` and `runtime error` results, in run order. */
  failed: DbtSummaryNode[];
  /** `warn` results, in run order. */
  warned: DbtSummaryNode[];
  /** Unique ids of skipped results. */
  skipped: string[];
  /** The slowest results, slowest first. */
  slowest: DbtSummaryNode[];
  criticalPath: DbtCriticalPath;
  /** Per-node start and end, sorted by start; results without `timing` are left out. */
  timeline: DbtTimelineEntry[];
  /** Problems met while summarising, e.g. a `depends_on` cycle in the manifest (also sent to the logger). */
  warnings: string[];
}

export interface SummarizeOptions {
  /** How many slowest nodes to list (default 10). */
  slowest?: number;
  /** Receives the summary's warnings as they are found. */
  logger?: Logger;
}
