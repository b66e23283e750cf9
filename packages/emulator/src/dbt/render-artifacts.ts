import type { Manifest } from "../manifest/types.js";
import { allManifestNodes } from "../manifest/types.js";
import type { StepExecution } from "./execute-step.js";
import { unitHash } from "./execute-step.js";

/** What a step's artifacts record about their invocation: time, ids, dbt version, env, threads, target. */
export interface ArtifactContext {
  /** Emulated epoch ms when the step started. */
  stepStartedAt: number;
  invocationId: string;
  dbtVersion: string;
  /** dbt Cloud's run context, as it appears in artifacts' metadata.env. */
  env: Record<string, string>;
  threads: number;
  target: string;
}

const iso = (ms: number) => new Date(ms).toISOString().replace("Z", "000Z");

function metadata(schema: string, ctx: ArtifactContext, generatedAt: number) {
  return {
    dbt_schema_version: schema,
    dbt_version: ctx.dbtVersion,
    generated_at: iso(generatedAt),
    invocation_id: ctx.invocationId,
    env: ctx.env,
  };
}

/** dbt's `--select` style args as written into run_results.args. */
function args(exec: StepExecution, ctx: ArtifactContext): Record<string, unknown> {
  const which = exec.command.subcommand === "docs generate" ? "generate" : exec.command.subcommand;
  return {
    which,
    invocation_command: exec.command.raw,
    select: exec.command.select,
    exclude: exec.command.exclude,
    selector: exec.command.selector ?? null,
    full_refresh: exec.command.fullRefresh,
    threads: ctx.threads,
    target: ctx.target,
    indirect_selection: exec.command.indirectSelection ?? "eager",
    project_dir: "/usr/src/dbt-server-shared/project",
    profiles_dir: "/tmp/profiles",
    log_path: "/tmp/logs",
    vars: {},
    defer: false,
    favor_state: false,
    write_json: true,
    partial_parse: true,
    use_colors: false,
    quiet: false,
  };
}

/** A step's run_results.json (v6). */
export function renderRunResults(exec: StepExecution, manifest: Manifest, ctx: ArtifactContext): unknown {
  const nodes = allManifestNodes(manifest);
  const start = ctx.stepStartedAt;
  return {
    metadata: metadata("https://schemas.getdbt.com/dbt/run-results/v6.json", ctx, start + exec.durationMs),
    results: exec.results.map((r) => {
      const node = nodes.get(r.uniqueId);
      const ran = r.status !== "skipped";
      return {
        status: r.status,
        timing: ran
          ? [
              {
                name: "compile",
                started_at: iso(start + r.startMs),
                completed_at: iso(start + r.startMs + r.compileMs),
              },
              {
                name: "execute",
                started_at: iso(start + r.startMs + r.compileMs),
                completed_at: iso(start + r.endMs),
              },
            ]
          : [],
        thread_id: ran ? `Thread-${r.thread} (worker)` : "main",
        execution_time: (r.endMs - r.startMs) / 1000,
        adapter_response:
          r.rows === null
            ? {}
            : { _message: r.message, code: String(r.message).split(" ")[0], rows_affected: r.rows },
        message: r.message,
        failures: r.failures,
        unique_id: r.uniqueId,
        compiled: ran,
        compiled_code: ran ? (node?.compiled_code ?? node?.raw_code ?? "") : null,
        relation_name: node?.relation_name ?? null,
        batch_results: null,
      };
    }),
    elapsed_time: exec.durationMs / 1000,
    args: args(exec, ctx),
  };
}

/** The catalog.json (v1) `dbt docs generate` writes: every enabled model, seed, snapshot and source. */
export function renderCatalog(manifest: Manifest, ctx: ArtifactContext, generatedAt: number): unknown {
  const entry = (node: { unique_id: string; name: string; [k: string]: unknown }, type: string) => {
    // Column names and unique ids come from the manifest: null-prototype objects keep `__proto__` a key.
    const columns: Record<string, unknown> = Object.create(null);
    const declared = Object.keys((node.columns as Record<string, unknown> | undefined) ?? {});
    const names = declared.length > 0 ? declared : ["id", "updated_at"];
    names.forEach((name, index) => {
      columns[name] = {
        type: name.endsWith("_id") || name === "id" ? "integer" : "text",
        index: index + 1,
        name,
        comment: null,
      };
    });
    return {
      metadata: {
        type,
        schema: String(node.schema ?? ""),
        name: String(node.alias ?? node.identifier ?? node.name),
        database: String(node.database ?? ""),
        comment: null,
        owner: "dbt_cloud",
      },
      columns,
      stats: {
        has_stats: {
          id: "has_stats",
          label: "Has Stats?",
          value: false,
          include: false,
          description: "Indicates whether there are statistics for this table",
        },
      },
      unique_id: node.unique_id,
    };
  };
  const nodes: Record<string, unknown> = Object.create(null);
  for (const node of Object.values(manifest.nodes)) {
    if (!["model", "seed", "snapshot"].includes(node.resource_type)) continue;
    if (node.config?.materialized === "ephemeral" || node.config?.enabled === false) continue;
    nodes[node.unique_id] = entry(node, node.config?.materialized === "view" ? "VIEW" : "BASE TABLE");
  }
  const sources: Record<string, unknown> = Object.create(null);
  for (const source of Object.values(manifest.sources))
    sources[source.unique_id] = entry(source, "BASE TABLE");
  return {
    metadata: metadata("https://schemas.getdbt.com/dbt/catalog/v1.json", ctx, generatedAt),
    nodes,
    sources,
    errors: null,
  };
}

/** The sources.json (v3) `dbt source freshness` writes: every source passes. */
export function renderSources(exec: StepExecution, ctx: ArtifactContext): unknown {
  const start = ctx.stepStartedAt;
  return {
    metadata: metadata("https://schemas.getdbt.com/dbt/sources/v3.json", ctx, start + exec.durationMs),
    results: exec.freshness.map((id, i) => {
      const ago = Math.round(600 + unitHash(`fresh:${id}`) * 30_000);
      const at = start + 2_500 + i * 400;
      return {
        unique_id: id,
        max_loaded_at: iso(at - ago * 1000),
        snapshotted_at: iso(at),
        max_loaded_at_time_ago_in_s: ago,
        status: "pass",
        criteria: {
          warn_after: { count: 12, period: "hour" },
          error_after: { count: 24, period: "hour" },
          filter: null,
        },
        adapter_response: {},
        timing: [
          { name: "compile", started_at: iso(at), completed_at: iso(at + 10) },
          { name: "execute", started_at: iso(at + 10), completed_at: iso(at + 390) },
        ],
        thread_id: "Thread-1 (worker)",
        execution_time: 0.39,
      };
    }),
    elapsed_time: exec.durationMs / 1000,
  };
}

/** The manifest a step writes: the project's manifest with this invocation's metadata. */
export function renderManifestJson(
  manifestBodyJson: string,
  manifest: Manifest,
  ctx: ArtifactContext,
): string {
  const meta = {
    ...manifest.metadata,
    generated_at: iso(ctx.stepStartedAt + 2_000),
    invocation_id: ctx.invocationId,
    env: ctx.env,
  };
  return `{"metadata":${JSON.stringify(meta)},${manifestBodyJson.slice(1)}`;
}

/** The manifest minus its metadata, serialised once per project; `renderManifestJson` splices metadata in. */
export function manifestBodyJson(manifest: Manifest): string {
  const { metadata: _metadata, ...rest } = manifest;
  return JSON.stringify(rest);
}
