import {
  type Clock,
  DbtCloudClient,
  DbtCloudWorkspace,
  type FetchLike,
  type Logger,
} from "@dbt-cloud-kit/client";
import { DbtCloudCredentials } from "@dbt-cloud-kit/credentials";
import { type Emulator, type StartEmulatorOptions, startEmulator } from "@dbt-cloud-kit/emulator";

export const PROJECT = 11;
export const PRODUCTION = 101;
export const CI_ENV = 102;

/** Fast, deterministic jobs: no queueing or setup time, a fixed running phase. */
export const quick = { queuedSeconds: 0, startingSeconds: 0, setupStepSeconds: 0, runSeconds: 10 };

export interface JobInput {
  id: number;
  name: string;
  executeSteps?: string[];
  jobType?: "scheduled" | "ci" | "other" | "merge";
  generateDocs?: boolean;
  behaviour?: Record<string, unknown>;
}

/** One account, project 11, Production (101) with `jobs`, CI (102) with `ciJobs`. */
export function workspaceConfig(jobs: JobInput[], ciJobs: JobInput[] = []): StartEmulatorOptions {
  const withDefaults = (j: JobInput) => ({
    executeSteps: ["dbt build"],
    ...j,
    behaviour: { ...quick, ...j.behaviour },
  });
  return {
    clock: { mode: "virtual", start: "2026-03-01T00:00:00Z" },
    accounts: [
      {
        id: 1,
        name: "Sensor tests",
        projects: [
          {
            id: PROJECT,
            name: "Shop",
            environments: [
              {
                id: PRODUCTION,
                name: "Production",
                type: "deployment",
                deploymentType: "production",
                jobs: jobs.map(withDefaults),
              },
              {
                id: CI_ENV,
                name: "CI",
                type: "deployment",
                deploymentType: "staging",
                jobs: ciJobs.map(withDefaults),
              },
            ],
          },
        ],
      },
    ],
  } as StartEmulatorOptions;
}

export async function startVirtualEmulator(
  options: StartEmulatorOptions = { clock: { mode: "virtual" } },
): Promise<Emulator> {
  return startEmulator(options);
}

/**
 * The sensor's clock on the emulator's virtual time: `now` reads it, `sleep` moves it (after letting
 * other tasks run), so loops that wait 30 s finish in microseconds and see runs progress.
 */
export function emulatorClock(emu: Emulator, onSleep?: (ms: number) => void | Promise<void>): Clock {
  return {
    now: () => emu.clock.now(),
    random: () => 0.5,
    async sleep(ms: number, signal?: AbortSignal) {
      signal?.throwIfAborted();
      await new Promise((resolve) => setImmediate(resolve));
      signal?.throwIfAborted();
      emu.clock.advance(Math.max(0, ms));
      await onSleep?.(ms);
      signal?.throwIfAborted();
    },
  };
}

export function recordingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  return {
    lines,
    debug: (m) => lines.push(`debug: ${m}`),
    info: (m) => lines.push(`info: ${m}`),
    warn: (m) => lines.push(`warn: ${m}`),
    error: (m) => lines.push(`error: ${m}`),
  };
}

export interface WorkspaceFor {
  clock?: Clock;
  environmentId?: number;
  fetch?: FetchLike;
  logger?: Logger;
  adhocJobName?: string;
}

export function workspaceFor(emu: Emulator, options: WorkspaceFor = {}): DbtCloudWorkspace {
  const credentials = DbtCloudCredentials.parse({
    accountId: emu.accountId,
    token: emu.token,
    accessUrl: emu.url,
  });
  const client = new DbtCloudClient({
    credentials,
    clock: options.clock ?? emulatorClock(emu),
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.logger ? { logger: options.logger } : {}),
  });
  return new DbtCloudWorkspace({
    credentials,
    client,
    projectId: PROJECT,
    environmentId: options.environmentId ?? PRODUCTION,
    pollIntervalMs: 1000,
    ...(options.adhocJobName ? { adhocJobName: options.adhocJobName } : {}),
    ...(options.logger ? { logger: options.logger } : {}),
  });
}

/** Triggers `count` runs of a job through the API and returns their ids. */
export async function trigger(
  ws: DbtCloudWorkspace,
  jobId: number,
  count = 1,
  options: { cause?: string; gitSha?: string } = {},
): Promise<number[]> {
  const ids: number[] = [];
  const overrides = {
    cause: options.cause ?? "sensor test",
    ...(options.gitSha ? { gitSha: options.gitSha } : {}),
  };
  for (let i = 0; i < count; i++) ids.push((await ws.client.triggerJobRun(jobId, overrides)).id);
  return ids;
}

/** A fetch that counts requests by kind and can add latency or advance the virtual clock per request. */
export function instrumentedFetch(options: { onRequest?: (url: URL) => void | Promise<void> } = {}) {
  // list: pages of the finished-at listing; otherLists: the in-flight and cancelled listings.
  const counts = { total: 0, list: 0, otherLists: 0, getRun: 0, runResults: 0, manifest: 0 };
  let inFlight = 0;
  let maxInFlight = 0;
  const fetchLike: FetchLike = async (input, init) => {
    const url = new URL(String(input));
    counts.total++;
    if (/\/runs\/$/.test(url.pathname)) {
      if (url.searchParams.has("finished_at__range")) counts.list++;
      else counts.otherLists++;
    } else if (/\/runs\/\d+\/$/.test(url.pathname)) counts.getRun++;
    else if (url.pathname.endsWith("/run_results.json")) counts.runResults++;
    else if (url.pathname.endsWith("/manifest.json")) counts.manifest++;
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    try {
      await options.onRequest?.(url);
      return await fetch(input as string, init as RequestInit);
    } finally {
      inFlight--;
    }
  };
  return { fetch: fetchLike, counts, maxInFlight: () => maxInFlight };
}
