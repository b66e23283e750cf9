import { z } from "zod";

// The --json documents as the README documents them. Strict objects: a field added or renamed is a
// visible change of the contract.

const status = z.enum(["queued", "starting", "running", "success", "error", "cancelled", "timeout"]);
const nullableString = z.string().nullable();
const nullableInt = z.number().int().nullable();

export const runReportSchema = z.strictObject({
  runId: z.number().int().positive(),
  runUrl: nullableString,
  jobId: nullableInt,
  jobName: nullableString,
  how: z.enum(["triggered", "reused", "retried", "attached"]),
  status,
  statusCode: z.number().int(),
  statusMessage: nullableString,
  gitSha: nullableString,
  gitBranch: nullableString,
  durationSeconds: z.number().nullable(),
  queuedSeconds: z.number().nullable(),
  runSeconds: z.number().nullable(),
  failedStep: z.strictObject({ index: z.number().int(), name: z.string() }).nullable(),
  explanation: nullableString,
  cancelled: z.boolean(),
  notes: z.array(z.string()),
  warnings: z.array(z.string()),
  artifacts: z
    .strictObject({
      dir: z.string(),
      step: nullableInt,
      files: z.record(z.string(), z.string()),
      missing: z.array(z.string()),
    })
    .nullable(),
  results: z.record(z.string(), z.record(z.string(), z.number().int())).nullable(),
  failedNodes: z.array(z.string()).nullable(),
});

const stepSummary = z.strictObject({ index: z.number().int(), name: nullableString, status: nullableInt });

export const statusSchema = z.strictObject({
  runId: z.number().int(),
  runUrl: nullableString,
  jobId: nullableInt,
  status,
  statusCode: z.number().int(),
  statusMessage: nullableString,
  queuePosition: nullableInt,
  blockedBy: z.array(z.number().int()),
  currentStep: stepSummary.nullable(),
  steps: z.array(stepSummary),
  cause: nullableString,
  gitSha: nullableString,
  gitBranch: nullableString,
  createdAt: nullableString,
  startedAt: nullableString,
  finishedAt: nullableString,
  durationSeconds: z.number().nullable(),
  queuedSeconds: z.number().nullable(),
  runSeconds: z.number().nullable(),
  canRetry: z.boolean().nullable(),
});

export const cancelSchema = z.strictObject({
  runId: z.number().int(),
  runUrl: nullableString,
  cancelled: z.boolean(),
  previousStatus: status,
  status,
  statusCode: z.number().int(),
});

export const logsSchema = z.strictObject({
  runId: z.number().int(),
  steps: z.array(
    z.strictObject({
      index: z.number().int(),
      name: nullableString,
      status: nullableInt,
      logs: nullableString,
    }),
  ),
});

export const artifactsSchema = z.strictObject({
  runId: z.number().int(),
  dir: z.string(),
  step: nullableInt,
  files: z.record(z.string(), z.string()),
  missing: z.array(z.string()),
  warnings: z.array(z.string()),
});

export const artifactListSchema = z.strictObject({ runId: z.number().int(), artifacts: z.array(z.string()) });

export const summarySchema = z.strictObject({
  runId: z.number().int(),
  status,
  markdown: z.string(),
  out: nullableString,
});

export const jobsSchema = z.array(
  z.strictObject({
    id: z.number().int(),
    name: nullableString,
    projectId: nullableInt,
    environmentId: nullableInt,
    jobType: nullableString,
    state: nullableInt,
    executeSteps: z.array(z.string()),
  }),
);

export const runsSchema = z.array(
  z.strictObject({
    id: z.number().int(),
    jobId: nullableInt,
    status,
    statusCode: z.number().int(),
    statusMessage: nullableString,
    createdAt: nullableString,
    finishedAt: nullableString,
    durationSeconds: z.number().nullable(),
    gitBranch: nullableString,
    gitSha: nullableString,
    runUrl: nullableString,
  }),
);

export const projectsSchema = z.array(
  z.strictObject({ id: z.number().int(), name: nullableString, description: nullableString }),
);

export const environmentsSchema = z.array(
  z.strictObject({
    id: z.number().int(),
    projectId: z.number().int(),
    name: nullableString,
    type: nullableString,
    deploymentType: nullableString,
    dbtVersion: nullableString,
  }),
);

export const errorSchema = z.strictObject({
  error: z.strictObject({
    exitCode: z.number().int(),
    kind: z.enum(["usage", "timeout", "interrupted", "api", "run"]),
    type: z.string(),
    message: z.string(),
  }),
});

export const emulatorSchema = z.strictObject({
  url: z.string().url(),
  accountId: z.number().int(),
  token: z.string(),
  accounts: z.array(z.strictObject({ id: z.number().int(), name: z.string(), token: z.string() })),
  jobs: z.array(
    z.strictObject({
      id: z.number().int(),
      name: z.string(),
      jobType: z.string(),
      accountId: z.number().int(),
      projectId: z.number().int(),
      environmentId: z.number().int(),
    }),
  ),
});
