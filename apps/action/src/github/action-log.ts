import * as core from "@actions/core";
import { createUntrustedPrinter, neutraliseWorkflowCommands, type RunFlowLog } from "@dbt-cloud-kit/app-kit";

/**
 * Every log line of the action goes through this printer: text from dbt Cloud or artifacts never starts a
 * runner command (see @dbt-cloud-kit/app-kit's createUntrustedPrinter). `core.info` is looked up per line so
 * tests can mock it.
 */
export const print = createUntrustedPrinter((line) => core.info(line));

/**
 * The shared run flow's log in the step's log: each message whole through `print.text` (a message that
 * carries dbt Cloud's text becomes a stop-commands block when the runner could read a command in it).
 */
export const flowLog: RunFlowLog = {
  info: (trusted, untrusted) => print.text(`${trusted}${untrusted ?? ""}`),
  warn: (trusted, untrusted) => print.text(`${trusted}${untrusted ?? ""}`),
  debug: (trusted, untrusted) => debug(`${trusted}${untrusted ?? ""}`),
};

export type AnnotationLevel = "error" | "warning" | "notice";

export interface AnnotationProps {
  title?: string;
  file?: string;
}

/** GitHub shows 10 annotations of each level per step and drops the rest. */
export const MAX_ANNOTATIONS_PER_LEVEL = 10;

const emitted = new Map<AnnotationLevel, number>();

/** Starts a fresh count (once per step; tests run several steps in one process). */
export function resetAnnotationCounts(): void {
  emitted.clear();
}

/** How many annotations of `level` GitHub will still show in this step. */
export function annotationsLeft(level: AnnotationLevel): number {
  return MAX_ANNOTATIONS_PER_LEVEL - (emitted.get(level) ?? 0);
}

const LABEL: Record<AnnotationLevel, string> = { error: "Error: ", warning: "Warning: ", notice: "Notice: " };

/**
 * An annotation while the level has room, a plain log line after that. @actions/core escapes `%`, `\r`
 * and `\n` in the message and also `:` and `,` in title and file, so each stays on its command line; the
 * legacy `##[` marker, which core leaves, is defused here.
 */
export function annotate(level: AnnotationLevel, message: string, props: AnnotationProps = {}): void {
  if (annotationsLeft(level) <= 0) {
    print.line(LABEL[level], message);
    return;
  }
  emitted.set(level, (emitted.get(level) ?? 0) + 1);
  const safe: core.AnnotationProperties = {};
  if (props.title !== undefined) safe.title = neutraliseWorkflowCommands(props.title);
  if (props.file !== undefined) safe.file = neutraliseWorkflowCommands(props.file);
  const text = neutraliseWorkflowCommands(message);
  if (level === "error") core.error(text, safe);
  else if (level === "warning") core.warning(text, safe);
  else core.notice(text, safe);
}

/** The step's one setFailed: an error annotation (counted) and exit code 1. */
export function fail(message: string): void {
  emitted.set("error", (emitted.get("error") ?? 0) + 1);
  core.setFailed(neutraliseWorkflowCommands(message));
}

/** A collapsed group whose title may hold untrusted text (core escapes line breaks; `##[` is defused). */
export function startGroup(title: string): void {
  core.startGroup(neutraliseWorkflowCommands(title));
}

export function debug(message: string): void {
  core.debug(neutraliseWorkflowCommands(message));
}
