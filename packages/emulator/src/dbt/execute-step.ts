import { createHash } from "node:crypto";
import type { Manifest, ManifestNode } from "../manifest/types.js";
import { allManifestNodes } from "../manifest/types.js";
import type { DbtCommand } from "./command.js";
import { EXECUTING_COMMANDS, NON_EXECUTING_COMMANDS } from "./command.js";

/** A node status as dbt writes it in run_results. */
export type NodeStatus = "success" | "error" | "skipped" | "pass" | "fail" | "warn";

/** One node's result, with times relative to the step's start (ms). */
export interface NodeExecution {
  uniqueId: string;
  status: NodeStatus;
  startMs: number;
  compileMs: number;
  endMs: number;
  thread: number;
  message: string | null;
  failures: number | null;
  rows: number | null;
}

/** The outcome of one dbt command: status, duration, node results and which artifacts it writes. */
export interface StepExecution {
  command: DbtCommand;
  status: "success" | "error";
  /** How long the dbt invocation takes (ms), parse overhead included. */
  durationMs: number;
  /** Node results in completion order; empty for commands that write no run_results. */
  results: NodeExecution[];
  writesRunResults: boolean;
  writesCatalog: boolean;
  writesSources: boolean;
  /** Sources checked by `dbt source freshness`. */
  freshness: string[];
  errorMessage?: string;
}

/** Deterministic value in [0, 1) from a string, so re-reading a run gives identical artifacts. */
export function unitHash(text: string): number {
  const digest = createHash("sha1").update(text).digest();
  return digest.readUInt32BE(0) / 2 ** 32;
}

const PARSE_OVERHEAD_MS = 2_500;

function baseDurationMs(node: ManifestNode, seed: string): number {
  const r = unitHash(`${seed}:${node.unique_id}`);
  switch (node.resource_type) {
    case "seed":
      return 800 + r * 1_500;
    case "snapshot":
      return 1_500 + r * 3_000;
    case "test":
    case "unit_test":
      return 200 + r * 900;
    default: {
      const materialized = node.config?.materialized;
      if (materialized === "view") return 300 + r * 700;
      if (materialized === "incremental") return 2_000 + r * 6_000;
      return 1_000 + r * 5_000;
    }
  }
}

function successMessage(node: ManifestNode, rows: number): string {
  if (node.resource_type === "seed") return `INSERT ${rows}`;
  if (node.resource_type === "snapshot") return `MERGE ${rows}`;
  if (node.config?.materialized === "view") return "CREATE VIEW";
  if (node.config?.materialized === "incremental") return `INSERT 0 ${rows}`;
  return `SELECT ${rows}`;
}

function isTest(node: ManifestNode | undefined): boolean {
  return node?.resource_type === "test" || node?.resource_type === "unit_test";
}

/** What `executeDbtCommand` runs: the manifest, the parsed command, the selected ids, the failing and warning nodes, threads and a seed. */
export interface ExecuteOptions {
  manifest: Manifest;
  command: DbtCommand;
  /** Unique ids the command runs (already selected), in any order. */
  selected: readonly string[];
  failNodes: ReadonlySet<string>;
  warnNodes: ReadonlySet<string>;
  threads: number;
  /** Seed for deterministic timings, e.g. "run-70000001-step-4". */
  seed: string;
}

/** Topological order of `ids` given each node's dependencies (manifest order breaks ties). */
function topoOrder(ids: readonly string[], deps: (id: string) => readonly string[]): string[] {
  const visited = new Set<string>();
  const out: string[] = [];
  const visit = (id: string) => {
    if (visited.has(id)) return;
    visited.add(id);
    for (const parent of deps(id)) visit(parent);
    out.push(id);
  };
  for (const id of ids) visit(id);
  return out;
}

/** Selected ancestors of a node, looking through unselected (e.g. ephemeral) nodes. */
function selectedAncestors(id: string, all: Map<string, ManifestNode>, selected: Set<string>): string[] {
  const out = new Set<string>();
  const stack = [...(all.get(id)?.depends_on?.nodes ?? [])];
  const seen = new Set<string>();
  while (stack.length > 0) {
    const next = stack.pop()!;
    if (seen.has(next)) continue;
    seen.add(next);
    if (selected.has(next)) out.add(next);
    else stack.push(...(all.get(next)?.depends_on?.nodes ?? []));
  }
  return [...out];
}

/**
 * "Executes" a dbt command over a manifest: configured nodes fail, their descendants are skipped, tests
 * pass / fail / warn, and nodes are scheduled on `threads` workers with plausible, deterministic timings.
 */
export function executeDbtCommand(options: ExecuteOptions): StepExecution {
  const { manifest, command } = options;
  const base = {
    command,
    results: [] as NodeExecution[],
    writesCatalog: command.subcommand === "docs generate",
    writesSources: command.subcommand === "source freshness",
    freshness: [] as string[],
  };
  if (command.subcommand === "source freshness") {
    const sources = Object.keys(manifest.sources);
    return {
      ...base,
      status: "success",
      durationMs: PARSE_OVERHEAD_MS + sources.length * 400,
      writesRunResults: false,
      freshness: sources,
    };
  }
  if (NON_EXECUTING_COMMANDS.has(command.subcommand)) {
    return { ...base, status: "success", durationMs: PARSE_OVERHEAD_MS, writesRunResults: false };
  }
  if (!EXECUTING_COMMANDS.has(command.subcommand)) {
    return {
      ...base,
      status: "error",
      durationMs: 800,
      writesRunResults: false,
      errorMessage: command.lineError ?? `No such command '${command.subcommand || "(none)"}'.`,
    };
  }

  const all = allManifestNodes(manifest);
  const selected = new Set(options.selected);
  const build = command.subcommand === "build" || command.subcommand === "retry";
  // In `dbt build` a model's single-parent tests run before its children, and a failure there skips them.
  const testsOf = new Map<string, string[]>();
  if (build) {
    for (const id of options.selected) {
      const node = all.get(id);
      const parents = node?.depends_on?.nodes ?? [];
      if (isTest(node) && parents.length === 1 && selected.has(parents[0]!)) {
        const list = testsOf.get(parents[0]!) ?? [];
        list.push(id);
        testsOf.set(parents[0]!, list);
      }
    }
  }
  const depsCache = new Map<string, string[]>();
  const deps = (id: string): string[] => {
    let list = depsCache.get(id);
    if (!list) {
      const direct = selectedAncestors(id, all, selected);
      list = isTest(all.get(id)) ? direct : [...direct, ...direct.flatMap((p) => testsOf.get(p) ?? [])];
      depsCache.set(id, list);
    }
    return list;
  };
  const order = topoOrder(options.selected, deps);
  const threads = Math.max(1, options.threads);
  const workerFree = new Array<number>(threads).fill(0);
  const finishAt = new Map<string, number>();
  const skipped = new Set<string>();
  const results: NodeExecution[] = [];
  const childrenOf = new Map<string, string[]>();
  for (const id of order) {
    for (const parent of deps(id)) {
      const list = childrenOf.get(parent) ?? [];
      list.push(id);
      childrenOf.set(parent, list);
    }
  }
  const skipDescendants = (id: string, includeTests: boolean) => {
    for (const child of childrenOf.get(id) ?? []) {
      if (!includeTests && isTest(all.get(child))) continue;
      if (skipped.has(child) || finishAt.has(child)) continue;
      skipped.add(child);
      skipDescendants(child, true);
    }
  };
  for (const id of order) {
    const node = all.get(id);
    if (!node) continue;
    const parents = selectedAncestors(id, all, selected);
    const ready = Math.max(0, ...deps(id).map((p) => finishAt.get(p) ?? 0));
    if (skipped.has(id)) {
      finishAt.set(id, ready);
      results.push({
        uniqueId: id,
        status: "skipped",
        startMs: PARSE_OVERHEAD_MS + ready,
        compileMs: 0,
        endMs: PARSE_OVERHEAD_MS + ready,
        thread: 0,
        message: null,
        failures: null,
        rows: null,
      });
      continue;
    }
    let worker = 0;
    for (let w = 1; w < threads; w++) if ((workerFree[w] ?? 0) < (workerFree[worker] ?? 0)) worker = w;
    const start = Math.max(ready, workerFree[worker] ?? 0);
    const duration = Math.round(baseDurationMs(node, options.seed));
    const end = start + duration;
    workerFree[worker] = end;
    finishAt.set(id, end);
    const rows = Math.round(unitHash(`rows:${id}`) * 50_000);
    let status: NodeStatus;
    let message: string | null;
    let failures: number | null = null;
    const failing = options.failNodes.has(id);
    const warning = options.warnNodes.has(id);
    if (isTest(node)) {
      const count = 1 + Math.floor(unitHash(`failures:${id}`) * 40);
      const severityWarn = String(node.config?.severity ?? "").toLowerCase() === "warn";
      if (command.subcommand === "docs generate" || command.subcommand === "compile") {
        status = "success";
        message = null;
      } else if (failing && !severityWarn) {
        status = "fail";
        failures = count;
        message = `Got ${count} result${count === 1 ? "" : "s"}, configured to fail if != 0`;
        if (build) for (const parent of parents) skipDescendants(parent, false);
      } else if (failing || warning) {
        status = "warn";
        failures = count;
        message = `Got ${count} result${count === 1 ? "" : "s"}, configured to warn if != 0`;
      } else {
        status = "pass";
        failures = 0;
        message = null;
      }
    } else if (failing) {
      status = "error";
      message = `Database Error in ${node.resource_type} ${node.name} (${node.original_file_path ?? node.path ?? node.name})\n  relation "${node.name}_upstream" does not exist`;
      skipDescendants(id, true);
    } else {
      status = "success";
      message =
        command.subcommand === "docs generate" || command.subcommand === "compile"
          ? null
          : successMessage(node, rows);
    }
    results.push({
      uniqueId: id,
      status,
      startMs: PARSE_OVERHEAD_MS + start,
      compileMs: Math.min(duration, 40 + Math.round(unitHash(`compile:${id}`) * 160)),
      endMs: PARSE_OVERHEAD_MS + end,
      thread: worker + 1,
      message,
      failures,
      rows: status === "success" && !isTest(node) ? rows : null,
    });
  }
  const makespan = Math.max(0, ...results.map((r) => r.endMs));
  const failed = results.some((r) => r.status === "error" || r.status === "fail");
  return {
    ...base,
    results,
    status: failed ? "error" : "success",
    durationMs: Math.max(PARSE_OVERHEAD_MS, makespan) + 500,
    writesRunResults: true,
  };
}
