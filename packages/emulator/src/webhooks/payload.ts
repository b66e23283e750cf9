import { RunStatus, runStatusName } from "@dbt-cloud-kit/client";
import type { EmulatorState } from "../state/emulator-state.js";
import type { RunRecord, RunTimeline } from "../state/run-model.js";
import type { WebhookEventType } from "./schema.js";

/** The JSON body dbt Cloud posts to a webhook (see "Webhooks for your jobs" in dbt's docs). */
export interface WebhookPayload {
  accountId: number;
  webhooksID: string;
  eventId: string;
  timestamp: string;
  eventType: WebhookEventType;
  webhookName: string;
  data: Record<string, string | number>;
}

/** dbt Cloud writes run times to the second with a `Z`, e.g. 2023-01-31T19:28:07Z. */
const seconds = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");

/** When the event happens on the emulator's clock, or undefined while it has not happened yet. */
export function eventTime(type: WebhookEventType, timeline: RunTimeline): number | undefined {
  if (type === "job.run.started") return timeline.startedAt;
  if (timeline.finishedAt === undefined) return undefined;
  if (type === "job.run.errored" && timeline.status !== RunStatus.Error) return undefined;
  return timeline.finishedAt;
}

/**
 * Builds a delivery body in dbt Cloud's shape: ids in `data` are strings, `runStatusMessage` is the
 * string "None" when there is none, and the finish time is `runFinishedAt` (completed) or
 * `runErroredAt` (errored). Cancelled runs are reported by `job.run.completed` with status Cancelled.
 */
export function buildWebhookPayload(input: {
  state: EmulatorState;
  run: RunRecord;
  timeline: RunTimeline;
  type: WebhookEventType;
  at: number;
  eventId: string;
  subscription: { id: string; name: string };
}): WebhookPayload {
  const { state, run, timeline, type } = input;
  const job = state.jobs.get(run.jobId);
  const env = state.environments.get(run.environmentId);
  const project = state.projects.get(run.projectId);
  const status = type === "job.run.started" ? RunStatus.Running : timeline.status;
  const data: Record<string, string | number> = {
    jobId: String(run.jobId),
    jobName: job?.name ?? "",
    runId: String(run.id),
    environmentId: String(run.environmentId),
    environmentName: env?.name ?? "",
    dbtVersion: run.dbtVersion,
    projectName: project?.name ?? "",
    projectId: String(run.projectId),
    runStatus: type === "job.run.errored" ? "Errored" : runStatusName(status),
    runStatusCode: status,
    runStatusMessage: type === "job.run.started" ? "None" : (timeline.statusMessage ?? "None"),
    runReason: run.trigger.cause,
  };
  if (timeline.startedAt !== undefined) data.runStartedAt = seconds(timeline.startedAt);
  if (type === "job.run.completed" && timeline.finishedAt !== undefined) {
    data.runFinishedAt = seconds(timeline.finishedAt);
  }
  if (type === "job.run.errored" && timeline.finishedAt !== undefined) {
    data.runErroredAt = seconds(timeline.finishedAt);
  }
  return {
    accountId: run.accountId,
    webhooksID: input.subscription.id,
    eventId: input.eventId,
    timestamp: new Date(input.at).toISOString(),
    eventType: type,
    webhookName: input.subscription.name,
    data,
  };
}
