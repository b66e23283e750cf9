import { formatDuration, queueText } from "@dbt-cloud-kit/app-kit";
import type { DbtCloudClient, DbtCloudRun, DbtCloudRunStep } from "@dbt-cloud-kit/client";
import { runStatusName } from "@dbt-cloud-kit/client";
import type { CliContext } from "../context/cli-context.js";
import { singleLine } from "./terminal-text.js";

export interface RunProgress {
  /** Every run read while waiting. */
  update(run: DbtCloudRun): void;
  /** app-kit's status line (a change of status or queue position): printed when there is no live line. */
  statusLine(trusted: string, untrusted: string): void;
  /** Clears the live line (before the final lines are printed). */
  stop(): void;
}

const FRAMES = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];
/** Steps (with their logs) are only read for the live line: at most every poll interval, and 2 s. */
const MIN_STEP_READ_INTERVAL_MS = 2000;

/** The step that is running now (or the last one that started). */
export function currentStep(run: DbtCloudRun): DbtCloudRunStep | undefined {
  const steps = [...(run.run_steps ?? [])].sort((a, b) => a.index - b.index);
  return steps.find((s) => s.status === 3) ?? steps.filter((s) => s.status !== 1).at(-1);
}

/**
 * Live progress. On a terminal (stderr is a TTY, not --quiet): one line redrawn in place every second
 * with status, elapsed time, queue position and the current step. Otherwise: app-kit's status lines, one
 * per change of status or queue position, as the action logs them.
 */
export function createRunProgress(
  ctx: CliContext,
  client: DbtCloudClient,
  pollIntervalMs: number,
): RunProgress {
  const stepReadIntervalMs = Math.max(MIN_STEP_READ_INTERVAL_MS, pollIntervalMs);
  const started = Date.now();
  const ignore = () => undefined;
  if (ctx.quiet) return { update: ignore, statusLine: ignore, stop: ignore };
  const live = ctx.stderr.isTTY === true && !ctx.err.runnerParsed;
  let last: DbtCloudRun | undefined;

  if (!live) {
    return {
      update: ignore,
      statusLine: (trusted, untrusted) => ctx.err.line(trusted, untrusted),
      stop: ignore,
    };
  }

  let frame = 0;
  let step: { text: string } | undefined;
  let lastStepRead = 0;
  let reading = false;
  const columns = () => (ctx.stderr as { columns?: number }).columns ?? 100;
  const draw = () => {
    if (!last) return;
    const s = ctx.errStyle;
    const parts = [
      `${s.cyan(FRAMES[frame++ % FRAMES.length] as string)} Run ${last.id}: ${s.bold(runStatusName(last.status))}${queueText(last)}`,
      formatDuration((Date.now() - started) / 1000),
    ];
    if (step && last.status === 3) parts.push(step.text);
    // One terminal row: a wrapped line could not be redrawn in place.
    const line = parts.join(" · ");
    const visible = line.length > columns() - 1 ? `${line.slice(0, columns() - 2)}…` : line;
    ctx.stderr.write(`\r\u001b[2K${visible}`);
  };
  const readSteps = (run: DbtCloudRun) => {
    if (run.status !== 3 || reading || Date.now() - lastStepRead < stepReadIntervalMs) return;
    reading = true;
    lastStepRead = Date.now();
    client
      .getRun(run.id, { includeRelated: ["run_steps"], signal: ctx.signal })
      .then((detailed) => {
        const current = currentStep(detailed);
        // dbt Cloud lists a step once it starts, so the total is unknown. Names are untrusted: one line, no escapes.
        if (current) step = { text: `step ${current.index}: ${singleLine(current.name ?? "")}`.trim() };
      })
      .catch((error: unknown) => ctx.debug("could not read the run's steps: ", String(error)))
      .finally(() => {
        reading = false;
      });
  };
  const timer = setInterval(draw, 1000);
  timer.unref();
  return {
    update(run) {
      last = run;
      readSteps(run);
      draw();
    },
    statusLine: ignore,
    stop() {
      clearInterval(timer);
      if (last) ctx.stderr.write("\r\u001b[2K");
    },
  };
}
