import { RunStatus } from "@dbt-cloud-kit/client";
import type { RunRecord, RunTimeline, StepTiming } from "./run-model.js";

/**
 * Derives a run's state at `now` from its timestamps: queued until dequeued (and, for deployment
 * jobs, until every earlier run of the job has finished), starting, running step by step, then
 * terminal. A cancel only ever moves the end earlier, so everything at or before `now` is stable.
 */
export function computeTimeline(
  run: RunRecord,
  now: number,
  previousFreeAt: number,
  inFlightBefore: () => number[],
): RunTimeline {
  if (run.settled) return run.settled;
  const dequeueAt = Math.max(run.createdAt + run.queuedMs, previousFreeAt);
  const startAt = dequeueAt + run.startingMs;
  let cursor = startAt;
  const planned: Array<{ start: number; end: number }> = [];
  for (const step of run.steps) {
    planned.push({ start: cursor, end: cursor + step.durationMs });
    cursor += step.durationMs;
  }
  const lastStep = run.steps.at(-1);
  let endAt = cursor;
  let endStatus: RunStatus = lastStep?.outcome === "error" ? RunStatus.Error : RunStatus.Success;
  let statusMessage: string | undefined;
  if (endStatus === RunStatus.Error) {
    statusMessage =
      run.plannedStatusMessage ??
      lastStep?.setupError ??
      lastStep?.execution?.errorMessage ??
      `${lastStep?.name ?? "A step"} failed`;
  }
  if (run.plannedCancelAfterMs !== undefined && startAt + run.plannedCancelAfterMs < endAt) {
    endAt = startAt + run.plannedCancelAfterMs;
    endStatus = RunStatus.Cancelled;
    statusMessage =
      run.plannedCancelMessage ?? run.plannedStatusMessage ?? "This run was cancelled by a user.";
  }
  if (run.cancelledAt !== undefined && run.cancelledAt < endAt) {
    endAt = run.cancelledAt;
    endStatus = RunStatus.Cancelled;
    statusMessage = run.cancelMessage ?? "This run was cancelled by a user.";
  }

  const terminal = endAt <= now;
  const visibleUntil = Math.min(now, endAt);
  let status: RunStatus;
  if (terminal) status = endStatus;
  else if (now < dequeueAt) status = RunStatus.Queued;
  else if (now < startAt) status = RunStatus.Starting;
  else status = RunStatus.Running;

  const steps: StepTiming[] = [];
  run.steps.forEach((step, i) => {
    const slot = planned[i]!;
    // A step shows once it has started; at the very instant a run ends, a step starting then never ran.
    const started =
      slot.start < visibleUntil || (slot.start === visibleUntil && (!terminal || slot.end <= visibleUntil));
    if (!started) return;
    let stepStatus: RunStatus;
    let finishedAt: number | undefined;
    if (slot.end <= visibleUntil) {
      stepStatus = step.outcome === "error" ? RunStatus.Error : RunStatus.Success;
      finishedAt = slot.end;
    } else if (terminal) {
      stepStatus = RunStatus.Cancelled;
      finishedAt = endAt;
    } else {
      stepStatus = RunStatus.Running;
    }
    steps.push({ step, startedAt: slot.start, finishedAt, status: stepStatus });
  });

  const timeline: RunTimeline = {
    status,
    dequeuedAt: dequeueAt <= visibleUntil ? dequeueAt : undefined,
    startedAt: startAt <= visibleUntil ? startAt : undefined,
    finishedAt: terminal ? endAt : undefined,
    endAt,
    endStatus,
    statusMessage: terminal ? statusMessage : undefined,
    steps,
    blockedBy: status === RunStatus.Queued && run.serial ? inFlightBefore() : [],
  };
  if (terminal) run.settled = timeline;
  return timeline;
}
