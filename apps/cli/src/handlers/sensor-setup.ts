import {
  DURATION_MINIMUM_SECONDS,
  JOB_OPTIONS,
  positiveIntegerValue,
  secondsValue,
} from "@dbt-cloud-kit/app-kit";
import type { DbtCloudPollingSensor } from "@dbt-cloud-kit/sensor";
import type { CliContext } from "../context/cli-context.js";
import { clientOptions } from "../credentials/create-client.js";
import type { OptionReader } from "../options/option-reader.js";
import { writeJsonLine } from "../output/json-output.js";
import { readScope } from "./scope.js";

export interface SensorOptions {
  cursorFile?: string;
  jobId?: string[];
  interval?: string;
  lookback?: string;
  budget?: string;
  includeAdhocRuns?: boolean;
}

export interface SensorSettings {
  cursorFile: string;
  projectId: number;
  environmentId: number;
  jobIds: number[] | undefined;
  intervalSeconds: number | undefined;
  lookbackSeconds: number | undefined;
  budgetMs: number | undefined;
  includeAdhocRuns: boolean;
}

/** The sensor's scope and settings, checked before any request (problems go to `reader`). */
export function readSensorSettings(reader: OptionReader, options: SensorOptions): SensorSettings {
  const scope = readScope(reader);
  for (const [value, spec] of [
    [scope.projectId, JOB_OPTIONS.projectId],
    [scope.environmentId, JOB_OPTIONS.environmentId],
  ] as const) {
    if (
      value === undefined &&
      !reader.problems.some((p) => p.source.includes(spec.input.toUpperCase().replace("-", "_")))
    ) {
      reader.add({
        source: `--${spec.input}`,
        problem: "is missing: the sensor watches one project and environment",
        fix: `give --${spec.input} or export DBT_CLOUD_${spec.input.toUpperCase().replace("-", "_")}`,
      });
    }
  }
  if (options.cursorFile === undefined || options.cursorFile.trim() === "") {
    reader.add({
      source: "--cursor-file",
      problem: "is missing",
      fix: "give a file to keep the cursor in, e.g. --cursor-file .dbt-cloud-sensor.json",
    });
  }
  const jobIds: number[] = [];
  for (const raw of options.jobId ?? []) {
    const id = positiveIntegerValue("--job-id to a job's id")(raw);
    if (!id.ok) reader.add({ source: "--job-id", problem: id.problem, fix: id.fix });
    else if (id.value !== undefined) jobIds.push(id.value);
  }
  const seconds = (flag: string, raw: string | undefined) => {
    if (raw === undefined) return undefined;
    const r = secondsValue({
      allowZero: false,
      example: "30",
      min: DURATION_MINIMUM_SECONDS,
      max: 7 * 86_400,
    })(raw);
    if (r.ok) return r.value / 1000;
    reader.add({ source: flag, problem: r.problem, fix: r.fix });
    return undefined;
  };
  const budget = seconds("--budget", options.budget);
  return {
    cursorFile: options.cursorFile ?? "",
    projectId: scope.projectId ?? 0,
    environmentId: scope.environmentId ?? 0,
    jobIds: jobIds.length > 0 ? jobIds : undefined,
    intervalSeconds: seconds("--interval", options.interval),
    lookbackSeconds: seconds("--lookback", options.lookback),
    budgetMs: budget === undefined ? undefined : budget * 1000,
    includeAdhocRuns: options.includeAdhocRuns === true,
  };
}

/**
 * The sensor over a workspace built from the published client package that @dbt-cloud-kit/sensor itself
 * imports (not the CLI's bundled copy): the sensor tells a 404 from other errors by class.
 */
export async function buildSensor(ctx: CliContext, settings: SensorSettings): Promise<DbtCloudPollingSensor> {
  const options = await clientOptions(ctx);
  const { DbtCloudClient, DbtCloudWorkspace } = await import("@dbt-cloud-kit/client");
  const { buildDbtCloudPollingSensor } = await import("@dbt-cloud-kit/sensor");
  const client = new DbtCloudClient(options);
  const workspace = new DbtCloudWorkspace({
    credentials: options.credentials,
    projectId: settings.projectId,
    environmentId: settings.environmentId,
    client,
    logger: ctx.logger,
  });
  return buildDbtCloudPollingSensor({
    workspace,
    logger: ctx.logger,
    includeAdhocRuns: settings.includeAdhocRuns,
    ...(settings.jobIds ? { jobIds: settings.jobIds } : {}),
    ...(settings.intervalSeconds !== undefined ? { minimumIntervalSeconds: settings.intervalSeconds } : {}),
    ...(settings.lookbackSeconds !== undefined ? { lookbackSeconds: settings.lookbackSeconds } : {}),
  });
}

/** Events on stdout, one JSON object per line; a line per run on stderr (names are untrusted). */
export function reportTick(
  ctx: CliContext,
  result: {
    runs: readonly { runId: number; jobId: number; statusName: string; url: string | undefined }[];
    events: readonly object[];
  },
): void {
  for (const event of result.events) writeJsonLine(ctx.stdout, event);
  for (const run of result.runs) {
    const events = result.events.filter((e) => (e as { runId?: number }).runId === run.runId).length;
    ctx.info(
      `Run ${run.runId} of job ${run.jobId}: ${run.statusName.toLowerCase()}, ${events} event${events === 1 ? "" : "s"} `,
      run.url,
    );
  }
}
