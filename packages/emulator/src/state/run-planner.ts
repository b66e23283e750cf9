import { randomUUID } from "node:crypto";
import type { JobBehaviour } from "../config/schema.js";
import { parseDbtCommand } from "../dbt/command.js";
import type { StepExecution } from "../dbt/execute-step.js";
import { executeDbtCommand } from "../dbt/execute-step.js";
import { SelectionError, selectNodesForCommand } from "../dbt/select-nodes.js";
import type { Manifest } from "../manifest/types.js";
import { isExecutable, manifestNode } from "../manifest/types.js";
import type { PlannedStep } from "./run-model.js";

interface PlanInput {
  manifest: Manifest;
  commands: string[];
  generateDocs: boolean;
  behaviour: JobBehaviour;
  /** Fail / warn sets already resolved to unique ids. */
  failNodes: ReadonlySet<string>;
  warnNodes: ReadonlySet<string>;
  threads: number;
  seed: string;
  nextStepId: () => number;
  /** For a retry: the step to resume, with the nodes to re-run. */
  resume?: { command: string; nodes: string[] };
  connectionName: string;
}

interface RunPlan {
  steps: PlannedStep[];
  skippedSteps: string[];
}

const SETUP_ERRORS: ReadonlyMap<string, string> = new Map([
  [
    "clone",
    "Failed to clone repository: fatal: reference is not a tree: the commit does not exist in the connected repository",
  ],
  ["profile", "Failed to create profile: the environment's credentials were rejected by the warehouse"],
  ["deps", "dbt deps failed: Could not find a matching compatible version for package dbt-labs/dbt_utils"],
]);

function scaleExecution(exec: StepExecution, factor: number): StepExecution {
  if (factor === 1) return exec;
  return {
    ...exec,
    durationMs: Math.round(exec.durationMs * factor),
    results: exec.results.map((r) => ({
      ...r,
      startMs: Math.round(r.startMs * factor),
      compileMs: Math.round(r.compileMs * factor),
      endMs: Math.round(r.endMs * factor),
    })),
  };
}

/**
 * Plans a run's steps (clone, profile, deps, each dbt command, optional docs) and "executes" each dbt
 * command up front, so a run's outcome and artifacts are fixed at trigger time and only revealed as
 * the clock passes.
 */
export async function planRun(input: PlanInput): Promise<RunPlan> {
  const { behaviour } = input;
  const setupMs = behaviour.setupStepSeconds * 1000;
  const steps: PlannedStep[] = [];
  const skippedSteps: string[] = [];
  const add = (step: Omit<PlannedStep, "id" | "index" | "invocationId">) => {
    steps.push({ ...step, id: input.nextStepId(), index: steps.length + 1, invocationId: randomUUID() });
  };
  const setup: Array<[string, string]> = [
    ["clone", "Clone git repository"],
    ["profile", `Create profile from connection ${input.connectionName}`],
    ["deps", "Invoke dbt with `dbt deps`"],
  ];
  const commands = [...input.commands];
  if (input.generateDocs) commands.push("dbt docs generate");
  const names = commands.map((c) => `Invoke dbt with \`${c}\``);
  if (input.resume) names.unshift(`Invoke dbt with \`${input.resume.command}\``);

  for (let i = 0; i < setup.length; i++) {
    const [key, name] = setup[i]!;
    if (behaviour.failAtStep === key) {
      add({
        name,
        kind: "setup",
        durationMs: setupMs,
        outcome: "error",
        setupError: SETUP_ERRORS.get(key) ?? `${name} failed`,
      });
      skippedSteps.push(...setup.slice(i + 1).map(([, n]) => n), ...names);
      return { steps, skippedSteps };
    }
    add({ name, kind: "setup", durationMs: setupMs, outcome: "success" });
  }

  const failNodes = new Set(input.failNodes);
  let forcedError = behaviour.outcome === "error" && failNodes.size === 0;
  const dbtSteps: Array<{ raw: string; nodes?: string[] }> = [];
  if (input.resume) dbtSteps.push({ raw: input.resume.command, nodes: input.resume.nodes });
  for (const raw of commands) dbtSteps.push({ raw });

  for (let i = 0; i < dbtSteps.length; i++) {
    const { raw, nodes } = dbtSteps[i]!;
    const command = parseDbtCommand(raw);
    let selected: string[];
    let selectionError: string | undefined;
    try {
      selected = nodes ?? selectNodesForCommand(input.manifest, command);
    } catch (error) {
      if (!(error instanceof SelectionError)) throw error;
      selected = [];
      selectionError = `Runtime Error: ${error.message}`;
    }
    if (forcedError) {
      // outcome "error" without failNodes: the first model this step runs fails.
      const firstModel = selected.find((id) => {
        const node = manifestNode(input.manifest, id);
        return node?.resource_type === "model" && isExecutable(node);
      });
      if (firstModel) {
        failNodes.add(firstModel);
        forcedError = false;
      }
    }
    let exec = executeDbtCommand({
      manifest: input.manifest,
      command,
      selected,
      failNodes,
      warnNodes: input.warnNodes,
      threads: input.threads,
      seed: `${input.seed}:${i}`,
    });
    if (selectionError)
      exec = { ...exec, status: "error", results: [], writesRunResults: false, errorMessage: selectionError };
    const isLast = i === dbtSteps.length - 1;
    if (forcedError && isLast && exec.status === "success") {
      exec = {
        ...exec,
        status: "error",
        errorMessage: "Compilation Error: the emulator's job behaviour forces this step to fail",
      };
    }
    if (behaviour.runSeconds !== undefined) {
      // runSeconds is the target length of the running phase: setup steps keep their share.
      const dbtTotal = exec.durationMs;
      const budget = Math.max(1, behaviour.runSeconds * 1000 - 3 * setupMs);
      exec = scaleExecution(exec, budget / Math.max(1, dbtTotal) / Math.max(1, dbtSteps.length));
    }
    add({ name: names[i]!, kind: "dbt", durationMs: exec.durationMs, outcome: exec.status, execution: exec });
    if (exec.status === "error") {
      skippedSteps.push(...names.slice(i + 1));
      break;
    }
  }
  return { steps, skippedSteps };
}
