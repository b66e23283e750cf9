import { z } from "zod";
import { webhookFaultSchema, webhookSubscriptionSchema } from "../webhooks/schema.js";

/**
 * The emulator's config file (JSON) and `startEmulator()` options. Every field is optional: an empty
 * object serves the built-in default workspace. Durations are in emulated seconds; the clock's `speed`
 * maps them to wall-clock time.
 */

const positiveId = (what: string) =>
  z
    .number({ error: `must be a positive integer ${what} id, e.g. 1` })
    .int()
    .positive();

const seconds = (what: string) =>
  z
    .number({ error: `must be a number of seconds (${what}), e.g. 2` })
    .min(0, { error: `${what} cannot be negative; use 0 or more` });

const dbtCommand = z.string().regex(/^dbt\s+\S/, {
  error: 'must be a dbt command that starts with "dbt ", e.g. "dbt build --select tag:nightly"',
});

/** The reasons dbt Cloud gives in `retry_not_supported_reason`. */
export const retryNotSupportedReasons = [
  "RETRY_UNSUPPORTED_CMD",
  "RETRY_UNSUPPORTED_VERSION",
  "RETRY_NOT_LATEST_RUN",
  "RETRY_NOT_FAILED_RUN",
  "RETRY_NO_RUN_RESULTS",
] as const;
/** One of `retryNotSupportedReasons`. */
export type RetryNotSupportedReason = (typeof retryNotSupportedReasons)[number];

/** How a job's runs behave: outcome, failing and warning nodes, a failing setup step, durations, artifacts. */
export const jobBehaviourSchema = z.strictObject({
  outcome: z
    .enum(["success", "error", "cancelled"], {
      error: 'must be "success", "error" or "cancelled"',
    })
    .default("success"),
  failNodes: z
    .array(z.string().min(1), { error: 'must be a list of node unique ids or names, e.g. ["stg_payments"]' })
    .default([]),
  warnNodes: z
    .array(z.string().min(1), { error: "must be a list of test unique ids or names that warn" })
    .default([]),
  failAtStep: z
    .enum(["clone", "profile", "deps"], {
      error: 'must be "clone", "profile" or "deps" (a setup step that errors)',
    })
    .optional(),
  cancelAfterSeconds: seconds("cancelAfterSeconds").optional(),
  artifacts: z.boolean({ error: "must be true or false (false: the run saves no artifacts)" }).default(true),
  cancelledWithoutFinishedAt: z
    .boolean({ error: "must be true or false (true: a cancelled run reports finished_at null)" })
    .default(false),
  retryNotSupportedReason: z
    .enum(retryNotSupportedReasons, { error: `must be one of ${retryNotSupportedReasons.join(", ")}` })
    .optional(),
  queuedSeconds: seconds("queuedSeconds").default(2),
  startingSeconds: seconds("startingSeconds").default(5),
  setupStepSeconds: seconds("setupStepSeconds").default(3),
  runSeconds: seconds("runSeconds").optional(),
  /** Replaces dbt Cloud's `status_message` of a run that fails or is cancelled by this behaviour. */
  statusMessage: z
    .string({ error: 'must be the status message a failed or cancelled run reports, e.g. "Database Error"' })
    .min(1, { error: "cannot be empty; leave it out for the emulator's own message" })
    .optional(),
});

const jobConfigSchema = z.strictObject({
  id: positiveId("job").optional(),
  name: z
    .string({ error: 'must be the job\'s name, e.g. "Nightly build"' })
    .min(1, { error: "cannot be empty; give the job a name" }),
  description: z.string().default(""),
  jobType: z
    .enum(["scheduled", "ci", "other", "merge"], {
      error:
        'must be "scheduled", "other", "merge" (deployment jobs, runs queue one at a time) or "ci" (runs concurrently)',
    })
    .default("scheduled"),
  executeSteps: z
    .array(dbtCommand, { error: 'must be a list of dbt commands, e.g. ["dbt build"]' })
    .min(1, { error: 'needs at least one dbt command, e.g. ["dbt build"]' })
    .default(["dbt build"]),
  generateDocs: z.boolean({ error: "must be true or false" }).default(false),
  dbtVersion: z.string().min(1).optional(),
  threads: z.number().int().positive({ error: "must be a positive integer, e.g. 4" }).default(4),
  targetName: z.string().min(1).default("default"),
  behaviour: jobBehaviourSchema.default(jobBehaviourSchema.parse({})),
});

const environmentConfigSchema = z.strictObject({
  id: positiveId("environment").optional(),
  name: z.string({ error: 'must be the environment\'s name, e.g. "Production"' }).min(1),
  type: z
    .enum(["deployment", "development"], { error: 'must be "deployment" or "development"' })
    .default("deployment"),
  deploymentType: z
    .enum(["production", "staging"], { error: 'must be "production" or "staging" (or leave it out)' })
    .optional(),
  dbtVersion: z.string().min(1).default("latest"),
  jobs: z.array(jobConfigSchema, { error: "must be a list of jobs" }).default([]),
});

const projectConfigSchema = z.strictObject({
  id: positiveId("project").optional(),
  name: z.string({ error: 'must be the project\'s name, e.g. "Analytics"' }).min(1),
  description: z.string().default(""),
  manifestPath: z
    .string({ error: "must be a path to a dbt manifest.json (absolute, or relative to the config file)" })
    .min(1)
    .optional(),
  environments: z.array(environmentConfigSchema, { error: "must be a list of environments" }).default([]),
});

/** An account: id, name, token (generated when left out), plan and projects. */
export const accountConfigSchema = z.strictObject({
  id: positiveId("account"),
  name: z.string().min(1).default("Emulated account"),
  token: z
    .string({ error: "must be a string; leave it out to get a generated token" })
    .min(8, { error: "must be at least 8 characters; leave it out to get a generated token" })
    .optional(),
  plan: z
    .enum(
      [
        "developer",
        "team",
        "enterprise",
        "enterprise_2025",
        "enterprise_plus_2025",
        "starter_2025",
        "trial",
        "free",
      ],
      {
        error: 'must be a dbt Cloud plan such as "enterprise", "team" or "developer"',
      },
    )
    .default("enterprise"),
  projects: z.array(projectConfigSchema, { error: "must be a list of projects" }).default([]),
});

/** A fault injected into responses of an operation: a status (with a chosen body), a delay, or a dropped connection, before or after the request takes effect. */
export const faultSpecSchema = z.strictObject({
  operation: z.string({ error: 'must be an operation name such as "getRun", "triggerJobRun" or "*"' }).min(1),
  method: z.string().optional(),
  count: z
    .number()
    .int()
    .positive({ error: "must be a positive integer (how many responses to affect)" })
    .default(1),
  kind: z.enum(["status", "delay", "drop"], { error: 'must be "status", "delay" or "drop"' }),
  when: z
    .enum(["before", "after"], {
      error:
        '"before" (the request has no effect) or "after" (the request takes effect, its response is lost)',
    })
    .default("before"),
  status: z
    .number()
    .int()
    .min(100)
    .max(599, { error: "must be an HTTP status between 100 and 599" })
    .optional(),
  body: z
    .enum(["envelope", "html", "truncated-json", "empty"], {
      error: 'must be "envelope", "html", "truncated-json" or "empty"',
    })
    .optional(),
  retryAfterSeconds: z.number().int().min(0).optional(),
  delayMs: z.number().int().min(0, { error: "must be milliseconds, 0 or more" }).optional(),
});

/** The whole config: loopback host and port, accounts (or the default workspace), manifest, clock, faults, request log, first run id and body limit. */
export const emulatorConfigSchema = z.strictObject({
  host: z
    .enum(["127.0.0.1", "localhost", "::1"], {
      error: 'must be a loopback host: "127.0.0.1", "localhost" or "::1"',
    })
    .default("127.0.0.1"),
  port: z
    .number()
    .int()
    .min(0)
    .max(65_535, { error: "must be 0 (any free port) or a port up to 65535" })
    .default(0),
  accounts: z
    .array(accountConfigSchema, {
      error: "must be a list of accounts; leave it out for the default workspace",
    })
    .min(1, { error: "needs at least one account; leave it out for the default workspace" })
    .optional(),
  manifestPath: z
    .string({ error: "must be a path to a dbt manifest.json; leave it out for the generated project" })
    .min(1)
    .optional(),
  clock: z
    .strictObject({
      mode: z
        .enum(["real", "virtual"], {
          error: 'must be "real" (follows wall time) or "virtual" (moves only when advanced)',
        })
        .default("real"),
      speed: z
        .number()
        .positive({ error: "must be a positive factor, e.g. 60 makes one emulated minute take one second" })
        .default(1),
      start: z.iso
        .datetime({ error: "must be an ISO-8601 UTC timestamp, e.g. 2026-01-01T00:00:00Z" })
        .optional(),
    })
    .default({ mode: "real", speed: 1 }),
  faults: z.array(faultSpecSchema, { error: "must be a list of faults" }).default([]),
  requestLogPath: z.string({ error: "must be a file path for the JSON-lines request log" }).min(1).optional(),
  firstRunId: positiveId("run").default(70_000_001),
  webhooks: z
    .array(webhookSubscriptionSchema, { error: "must be a list of webhook subscriptions" })
    .default([]),
  webhookFaults: z
    .array(webhookFaultSchema, { error: "must be a list of webhook delivery faults" })
    .default([]),
  /** Request bodies above this are answered 413 (dbt Cloud's own bodies are a few KB). */
  maxBodyBytes: z
    .number()
    .int()
    .positive({ error: "must be a positive number of bytes, e.g. 1048576 (1 MiB, the default)" })
    .default(1024 * 1024),
});

/** The config as written (every field optional). */
export type EmulatorConfigInput = z.input<typeof emulatorConfigSchema>;
/** The config after validation, defaults filled in. */
export type EmulatorConfig = z.output<typeof emulatorConfigSchema>;
/** One validated account of the config. */
export type AccountConfig = z.output<typeof accountConfigSchema>;
/** One validated project of the config. */
export type ProjectConfig = z.output<typeof projectConfigSchema>;
/** A job's validated behaviour (see `jobBehaviourSchema`). */
export type JobBehaviour = z.output<typeof jobBehaviourSchema>;
/** A job behaviour as written; fields left out keep their defaults (or, in `configure`, their current values). */
export type JobBehaviourInput = z.input<typeof jobBehaviourSchema>;
/** A validated fault (see `faultSpecSchema`). */
export type FaultSpec = z.output<typeof faultSpecSchema>;
/** A fault as written. */
export type FaultSpecInput = z.input<typeof faultSpecSchema>;
