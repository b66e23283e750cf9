import { RunStatus } from "@dbt-cloud-kit/client";
import type { ArtifactContext } from "../dbt/render-artifacts.js";
import {
  renderCatalog,
  renderManifestJson,
  renderRunResults,
  renderSources,
} from "../dbt/render-artifacts.js";
import { allManifestNodes } from "../manifest/types.js";
import type { EmulatorState } from "../state/emulator-state.js";
import type { RunRecord, RunTimeline, StepTiming } from "../state/run-model.js";

interface ArtifactFile {
  contentType: string;
  render: () => string;
}

const NO_MANIFEST = new Set(["deps", "clean", "debug", ""]);

function context(state: EmulatorState, run: RunRecord, timing: StepTiming): ArtifactContext {
  const job = state.jobs.get(run.jobId);
  const env = state.environments.get(run.environmentId);
  return {
    stepStartedAt: timing.startedAt,
    invocationId: timing.step.invocationId,
    dbtVersion:
      run.dbtVersion === "latest" || run.dbtVersion === "versionless"
        ? "1.9.4"
        : run.dbtVersion.replace(/-latest$|-pre$/, ""),
    threads: run.threads,
    target: run.targetName,
    env: {
      DBT_CLOUD_PROJECT_ID: String(run.projectId),
      DBT_CLOUD_RUN_ID: String(run.id),
      DBT_CLOUD_JOB_ID: String(run.jobId),
      DBT_CLOUD_RUN_REASON: run.trigger.cause,
      DBT_CLOUD_RUN_REASON_CATEGORY: run.trigger.causeCategory,
      DBT_CLOUD_RUN_TRIGGER_CATEGORY:
        run.trigger.causeCategory === "ci" ? "RUN_REASON_CATEGORY_PULL_REQUEST" : "RUN_REASON_CATEGORY_API",
      DBT_CLOUD_ENVIRONMENT_ID: String(run.environmentId),
      DBT_CLOUD_ENVIRONMENT_NAME: env?.name ?? "",
      DBT_CLOUD_ENVIRONMENT_TYPE: env?.deploymentType === "production" ? "prod" : "staging",
      DBT_CLOUD_ACCOUNT_ID: String(run.accountId),
      DBT_CLOUD_JOB_NAME: job?.name ?? "",
      ...(run.pullRequestId !== undefined ? { DBT_CLOUD_PR_ID: String(run.pullRequestId) } : {}),
      DBT_CLOUD_GIT_SHA: run.gitSha,
      DBT_CLOUD_GIT_BRANCH: run.gitBranch,
    },
  };
}

/**
 * The files a finished step left in dbt's target/ directory. Runs that were cancelled, ran with
 * artifacts off, or failed before dbt ran have none, as on dbt Cloud.
 */
export function stepArtifacts(
  state: EmulatorState,
  run: RunRecord,
  timeline: RunTimeline,
  timing: StepTiming,
): Map<string, ArtifactFile> {
  const files = new Map<string, ArtifactFile>();
  const exec = timing.step.execution;
  if (
    !exec ||
    !run.artifactsEnabled ||
    timeline.finishedAt === undefined ||
    timeline.status === RunStatus.Cancelled
  )
    return files;
  if (timing.status !== RunStatus.Success && timing.status !== RunStatus.Error) return files;
  if (NO_MANIFEST.has(exec.command.subcommand)) return files;
  const project = state.projects.get(run.projectId)!;
  const manifest = project.manifest;
  const ctx = context(state, run, timing);
  const json = "application/json";
  const parsedOk = !exec.errorMessage?.startsWith("No such command");
  if (parsedOk)
    files.set("manifest.json", {
      contentType: json,
      render: () => renderManifestJson(project.manifestBody, manifest, ctx),
    });
  if (exec.writesRunResults) {
    files.set("run_results.json", {
      contentType: json,
      render: () => JSON.stringify(renderRunResults(exec, manifest, ctx)),
    });
  }
  if (exec.writesCatalog && timing.status === RunStatus.Success) {
    files.set("catalog.json", {
      contentType: json,
      render: () => JSON.stringify(renderCatalog(manifest, ctx, timing.finishedAt ?? timing.startedAt)),
    });
  }
  if (exec.writesSources && timing.status === RunStatus.Success) {
    files.set("sources.json", { contentType: json, render: () => JSON.stringify(renderSources(exec, ctx)) });
  }
  const nodes = allManifestNodes(manifest);
  for (const r of exec.results) {
    if (r.status === "skipped") continue;
    const node = nodes.get(r.uniqueId);
    const file = node?.original_file_path;
    if (!node || !file || !["model", "test", "snapshot"].includes(node.resource_type)) continue;
    const pkg = node.package_name ?? "project";
    const sqlPath = file.endsWith(".yml") ? `${file}/${node.name}.sql` : file;
    const code = node.compiled_code ?? node.raw_code ?? "";
    files.set(`compiled/${pkg}/${sqlPath}`, { contentType: "text/plain", render: () => code });
    if (exec.command.subcommand !== "compile" && exec.command.subcommand !== "docs generate") {
      files.set(`run/${pkg}/${sqlPath}`, { contentType: "text/plain", render: () => code });
    }
  }
  return files;
}

/** Union of every step's files (what the artifact list returns), or undefined when there are none. */
export function runArtifactPaths(
  state: EmulatorState,
  run: RunRecord,
  timeline: RunTimeline,
): string[] | undefined {
  const paths = new Set<string>();
  for (const timing of timeline.steps)
    for (const path of stepArtifacts(state, run, timeline, timing).keys()) paths.add(path);
  return paths.size > 0 ? [...paths].sort() : undefined;
}
