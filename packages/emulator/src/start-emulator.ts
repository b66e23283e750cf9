import type { AddressInfo } from "node:net";
import { runStatusName } from "@dbt-cloud-kit/client";
import type { EmulatorClock } from "./clock.js";
import { createClock } from "./clock.js";
import { parseEmulatorConfig } from "./config/parse-config.js";
import type {
  EmulatorConfigInput,
  FaultSpecInput,
  JobBehaviour,
  JobBehaviourInput,
} from "./config/schema.js";
import { EmulatorConfigError, EmulatorError } from "./errors.js";
import type { ActiveFault } from "./http/faults.js";
import { FaultRegistry } from "./http/faults.js";
import type { RequestFilter, RequestLogEntry } from "./http/request-log.js";
import { RequestLog } from "./http/request-log.js";
import { createEmulatorServer } from "./http/server.js";
import { EmulatorState } from "./state/emulator-state.js";
import { observeClock } from "./webhooks/observed-clock.js";
import { WebhookDispatcher } from "./webhooks/webhook-dispatcher.js";
import type { EmulatorWebhooks } from "./webhooks/webhook-types.js";

/** Same shape as the client's Logger, so the client's loggers plug in. */
export interface EmulatorLogger {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/** Options of `startEmulator`: the config (see `EmulatorConfigInput`) plus where to resolve paths, a logger and a shutdown signal. */
export interface StartEmulatorOptions extends EmulatorConfigInput {
  /** Directory that relative `manifestPath`s are resolved against (default: the working directory). */
  baseDir?: string;
  logger?: EmulatorLogger;
  /** Closes the emulator when aborted (e.g. a test's or CLI's shutdown signal). */
  signal?: AbortSignal;
}

/** A job as `emulator.jobs` reports it: its ids, type, steps and the behaviour its next runs follow. */
export interface EmulatorJobInfo {
  id: number;
  name: string;
  accountId: number;
  projectId: number;
  environmentId: number;
  jobType: "scheduled" | "ci" | "other" | "merge";
  executeSteps: readonly string[];
  generateDocs: boolean;
  behaviour: JobBehaviour;
}

/** The emulator's jobs, and how to change what their future runs do. */
export interface EmulatorJobs {
  list(): EmulatorJobInfo[];
  /** By id or exact name; throws an EmulatorConfigError naming the known jobs when there is no match. */
  get(idOrName: number | string): EmulatorJobInfo;
  /** Changes how the job's future runs behave (outcome, failing nodes, durations, artifacts, …). */
  configure(idOrName: number | string, patch: JobBehaviourInput): EmulatorJobInfo;
}

/** A run as `emulator.runs.list()` reports it, with its status at the current emulated time. */
export interface EmulatorRunInfo {
  id: number;
  jobId: number;
  status: number;
  statusHumanized: string;
  cause: string;
  createdAt: string;
}

/** Faults injected into API responses (status codes, delays, dropped connections), in order of addition. */
export interface EmulatorFaults {
  add(spec: FaultSpecInput): ActiveFault;
  list(): readonly ActiveFault[];
  remove(id: number): boolean;
  clear(): void;
}

/** The request log: every API request seen, without headers (so never a token). */
export interface EmulatorRequests {
  list(filter?: RequestFilter): RequestLogEntry[];
  count(filter?: RequestFilter): number;
  clear(): void;
}

/** A running emulator: its URL and first account, its jobs, runs, clock, faults and request log, and `close()`. */
export interface Emulator {
  /** Base URL, e.g. http://127.0.0.1:53211 (use it as the client's access URL). */
  url: string;
  /** The first account's id and token (most setups have one account). */
  accountId: number;
  token: string;
  accounts: ReadonlyArray<{ id: number; name: string; token: string }>;
  jobs: EmulatorJobs;
  runs: { list(filter?: { jobId?: number }): EmulatorRunInfo[] };
  clock: EmulatorClock;
  faults: EmulatorFaults;
  requests: EmulatorRequests;
  /** Webhook subscriptions (config `webhooks`), their delivery log and delivery faults. */
  webhooks: EmulatorWebhooks;
  /** Stops the server and drops open connections; calling it again returns the same promise. */
  close(): Promise<void>;
}

/**
 * Starts the dbt Cloud API emulator on loopback (port 0 = any free port) and resolves once it listens.
 * Throws EmulatorConfigError, naming each bad field and its fix, before opening any port.
 */
export async function startEmulator(options: StartEmulatorOptions = {}): Promise<Emulator> {
  const { baseDir, logger, signal, ...configInput } = options;
  const config = parseEmulatorConfig(configInput);
  signal?.throwIfAborted();
  let webhooks: WebhookDispatcher | undefined;
  const clock = observeClock(createClock(config.clock), () => webhooks?.check());
  const state = await EmulatorState.create(config, clock, baseDir ?? process.cwd());
  webhooks = new WebhookDispatcher(state, clock, config, (error) =>
    logger?.error(`emulator: webhook error: ${error instanceof Error ? error.message : String(error)}`),
  );
  state.onRunChange = (run) => webhooks?.runChanged(run);
  const faults = new FaultRegistry();
  for (const [i, spec] of config.faults.entries()) {
    try {
      faults.add(spec);
    } catch (error) {
      if (error instanceof EmulatorConfigError) {
        throw new EmulatorConfigError(
          error.problems.map((p) => p.replace(/^fault\./, `faults[${i}].`)),
          { cause: error },
        );
      }
      throw error;
    }
  }
  const requests = new RequestLog(config.requestLogPath);
  let url = "";
  const server = createEmulatorServer({
    state,
    faults,
    requests,
    clock,
    baseUrl: () => url,
    maxBodyBytes: config.maxBodyBytes,
    onError: (error) =>
      logger?.error(`emulator: internal error: ${error instanceof Error ? error.message : String(error)}`),
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", (error) =>
      reject(
        new EmulatorError(`emulator: cannot listen on ${config.host}:${config.port}: ${error.message}`, {
          cause: error,
        }),
      ),
    );
    server.listen(config.port, config.host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === "IPv6" ? `[${address.address}]` : address.address;
  url = `http://${host}:${address.port}`;

  const findJob = (idOrName: number | string) => {
    const job =
      typeof idOrName === "number"
        ? state.jobs.get(idOrName)
        : [...state.jobs.values()].find((j) => j.name === idOrName || String(j.id) === idOrName);
    if (!job) {
      throw new EmulatorConfigError([
        `job: no job ${JSON.stringify(idOrName)}. Use one of ${[...state.jobs.values()].map((j) => `${j.id} ("${j.name}")`).join(", ")}.`,
      ]);
    }
    return job;
  };
  const info = (id: number): EmulatorJobInfo => {
    const j = state.jobs.get(id)!;
    return {
      id: j.id,
      name: j.name,
      accountId: j.accountId,
      projectId: j.projectId,
      environmentId: j.environmentId,
      jobType: j.jobType,
      executeSteps: [...j.executeSteps],
      generateDocs: j.generateDocs,
      behaviour: j.behaviour,
    };
  };
  const first = [...state.accounts.values()][0]!;
  let closing: Promise<void> | undefined;
  logger?.info(`emulator: listening on ${url}`);

  const close = () => {
    webhooks?.close();
    closing ??= new Promise<void>((resolve, reject) => {
      server.close((error) => (error ? reject(error) : resolve()));
      server.closeAllConnections();
    });
    return closing;
  };
  signal?.addEventListener(
    "abort",
    () => {
      close().catch((error: unknown) => logger?.error(`emulator: error while closing: ${String(error)}`));
    },
    { once: true },
  );

  return {
    url,
    accountId: first.id,
    token: first.token,
    accounts: [...state.accounts.values()].map((a) => ({ id: a.id, name: a.name, token: a.token })),
    jobs: {
      list: () => [...state.jobs.keys()].map(info),
      get: (idOrName) => info(findJob(idOrName).id),
      configure: (idOrName, patch) => info(state.configureJob(findJob(idOrName).id, patch).id),
    },
    runs: {
      list: (filter = {}) =>
        [...state.runs.values()]
          .filter((r) => filter.jobId === undefined || r.jobId === filter.jobId)
          .map((r) => {
            const status = state.timeline(r).status;
            return {
              id: r.id,
              jobId: r.jobId,
              status,
              statusHumanized: runStatusName(status),
              cause: r.trigger.cause,
              createdAt: new Date(r.createdAt).toISOString(),
            };
          }),
    },
    clock,
    faults: {
      add: (spec) => faults.add(spec),
      list: () => faults.list(),
      remove: (id) => faults.remove(id),
      clear: () => faults.clear(),
    },
    requests: {
      list: (filter) => requests.list(filter),
      count: (filter) => requests.count(filter),
      clear: () => requests.clear(),
    },
    webhooks: webhooks.api(),
    close,
  };
}
