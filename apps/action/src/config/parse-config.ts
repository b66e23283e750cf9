import { listValue } from "@dbt-cloud-kit/app-kit";
import {
  type DbtCloudCredentials,
  DbtCloudCredentialsError,
  type DbtCloudCredentialsField,
  normalizeAccessUrl,
  parseCredentials,
} from "@dbt-cloud-kit/credentials";
import type { GithubContext } from "../github/github-context.js";
import { ACCOUNT_ID_WHERE } from "./account-id-hint.js";
import type { ActionConfig, JobSelector, TriggerOverrideInputs } from "./action-config.js";
import { INPUT_DEFAULTS, type InputName } from "./defaults.js";
import { ActionInputError, type InputProblem } from "./input-error.js";
import { inputSchema, type ParsedInputs } from "./input-schema.js";
import type { RawInputs } from "./read-raw-inputs.js";

/**
 * Validates every input at once, before any request; all problems are reported together, each naming
 * the input and the fix. Cross-input contradictions are checked here too.
 */
export function parseConfig(raw: RawInputs, context: GithubContext): ActionConfig {
  const parsed = inputSchema.safeParse(raw);
  const problems: InputProblem[] = [];
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const fix = (issue as { params?: { fix?: string } }).params?.fix ?? "see the action's README";
      problems.push({ input: String(issue.path[0] ?? "?"), problem: issue.message, fix });
    }
  }
  const token = raw["api-token"];
  checkToken(token, context, problems);
  if (raw["account-id"] === "") {
    problems.push({
      input: "account-id",
      problem: "is empty",
      fix: `set account-id ${ACCOUNT_ID_WHERE} or the DBT_CLOUD_ACCOUNT_ID variable`,
    });
  }
  const credentials = checkCredentials(raw, problems);
  if (!parsed.success || problems.length > 0 || credentials === undefined) {
    throw new ActionInputError(dedupe(problems));
  }
  const v = parsed.data;
  const job = jobSelector(v, problems);
  checkContradictions(v, context, problems);
  if (problems.length > 0 || job === undefined) throw new ActionInputError(dedupe(problems));

  const overrides: TriggerOverrideInputs = {};
  setIf(overrides, "gitSha", v["git-sha"]);
  setIf(overrides, "gitBranch", v["git-branch"]);
  setIf(overrides, "pullRequestId", v["pull-request-id"]);
  setIf(overrides, "schemaOverride", v["schema-override"]);
  setIf(overrides, "dbtVersionOverride", v["dbt-version-override"]);
  setIf(overrides, "threadsOverride", v["threads-override"]);
  setIf(overrides, "targetNameOverride", v["target-name-override"]);
  setIf(overrides, "generateDocsOverride", v["generate-docs-override"]);
  setIf(overrides, "timeoutSecondsOverride", v["timeout-seconds-override"]);
  setIf(overrides, "stepsOverride", v["steps-override"]);

  const config: ActionConfig = {
    credentials,
    job,
    ci: v.ci,
    overrides,
    wait: v.wait,
    pollIntervalMs: v["poll-interval"],
    timeoutMs: v.timeout,
    cancelOnTimeout: v["cancel-on-timeout"],
    cancelOnAbort: v["cancel-on-abort"],
    failOnError: v["fail-on-error"],
    ifRunning: v["if-running"],
    retryFailed: v["retry-failed"],
    artifacts: v.artifacts,
    requiredArtifacts: sameList(v.artifacts, listValue(INPUT_DEFAULTS.artifacts ?? "")) ? [] : v.artifacts,
    artifactsDir: v["artifacts-dir"],
    artifactsStep: v["artifacts-step"],
    jobSummary: v["job-summary"],
    annotations: v.annotations,
    prComment: v["pr-comment"],
    requestTimeoutMs: v["request-timeout"],
  };
  if (v.cause !== undefined) config.cause = v.cause;
  if (v["github-token"] !== undefined) config.githubToken = v["github-token"];
  return config;
}

type Parsed = ParsedInputs;

function setIf<K extends keyof TriggerOverrideInputs>(
  target: TriggerOverrideInputs,
  key: K,
  value: TriggerOverrideInputs[K] | undefined,
): void {
  if (value !== undefined) target[key] = value;
}

const CREDENTIAL_INPUTS: Record<DbtCloudCredentialsField, InputName> = {
  accountId: "account-id",
  token: "api-token",
  accessUrl: "access-url",
};

/** The credentials package owns the rules (URL normalisation, https except loopback); errors name our inputs. */
function checkCredentials(raw: RawInputs, problems: InputProblem[]): DbtCloudCredentials | undefined {
  try {
    // With the token or account id already reported, access-url is still checked, so every problem is
    // reported at once (redacted: the credentials package never echoes user info or a query).
    if (
      raw["api-token"] === "" ||
      raw["account-id"] === "" ||
      problems.some((p) => p.input === "account-id")
    ) {
      normalizeAccessUrl(raw["access-url"], CREDENTIAL_INPUTS.accessUrl);
      return undefined;
    }
    return parseCredentials(
      { accountId: raw["account-id"], token: raw["api-token"], accessUrl: raw["access-url"] },
      CREDENTIAL_INPUTS,
    );
  } catch (error) {
    if (!(error instanceof DbtCloudCredentialsError)) throw error;
    for (const p of error.problems) {
      problems.push({
        input: CREDENTIAL_INPUTS[p.field],
        problem: p.problem,
        fix: p.fix || "see the README",
      });
    }
    return undefined;
  }
}

function checkToken(token: string, context: GithubContext, problems: InputProblem[]): void {
  if (token === "") {
    const fork = context.pullRequest?.isFork
      ? " This run is for a pull request from a fork: GitHub does not pass secrets to such workflows, so the" +
        " token is empty (and dbt Cloud could not check out a fork's commit anyway). Run dbt Cloud CI for" +
        " fork PRs after merging, or skip this step with if: github.event.pull_request.head.repo.fork == false."
      : "";
    problems.push({
      input: "api-token",
      problem: `is empty.${fork}`,
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a workflow expression for the user to copy
      fix: "set api-token: ${{ secrets.DBT_CLOUD_API_TOKEN }} (a service token with Job Admin or Job Runner) or the DBT_CLOUD_API_TOKEN variable",
    });
  }
}

function jobSelector(v: Parsed, problems: InputProblem[]): JobSelector | undefined {
  const jobId = v["job-id"];
  const name = v["job-name"];
  if (jobId !== undefined && name !== undefined) {
    problems.push({
      input: "job-id",
      problem: "is set together with job-name",
      fix: "set only one of job-id and job-name",
    });
    return undefined;
  }
  if (jobId !== undefined) {
    for (const input of ["project-id", "environment-id"] as const) {
      if (v[input] !== undefined) {
        problems.push({
          input,
          problem: "only narrows a job-name lookup and is set together with job-id",
          fix: `remove ${input}, or use job-name instead of job-id`,
        });
      }
    }
    return { kind: "id", jobId };
  }
  if (name !== undefined) {
    const selector: JobSelector = { kind: "name", name };
    if (v["project-id"] !== undefined) selector.projectId = v["project-id"];
    if (v["environment-id"] !== undefined) selector.environmentId = v["environment-id"];
    return selector;
  }
  problems.push({
    input: "job-id",
    problem: "is empty and so is job-name",
    fix: "set job-id (the number in the job's URL), job-name, or the DBT_CLOUD_JOB_ID variable",
  });
  return undefined;
}

function checkContradictions(v: Parsed, context: GithubContext, problems: InputProblem[]): void {
  const pr = context.pullRequest;
  const explicitPr = v["pull-request-id"];
  if (v.ci && pr === undefined && explicitPr === undefined) {
    problems.push({
      input: "ci",
      problem: `is true but this is a ${context.eventName || "non-pull-request"} event, which has no pull request`,
      fix: "run this step on pull_request events (if: github.event_name == 'pull_request'), or set pull-request-id and git-sha yourself",
    });
  }
  if (v.ci && pr !== undefined && explicitPr !== undefined && explicitPr !== pr.number) {
    problems.push({
      input: "pull-request-id",
      problem: `is ${explicitPr} but ci: true on this event means pull request #${pr.number}`,
      fix: "remove pull-request-id (ci: true fills it in) or set ci: false",
    });
  }
  if (v["pr-comment"] && pr === undefined && explicitPr === undefined) {
    problems.push({
      input: "pr-comment",
      problem: "is true but there is no pull request to comment on",
      fix: "enable pr-comment only on pull_request events, or set pull-request-id",
    });
  }
  if (v.ci && pr === undefined && explicitPr !== undefined && v["git-sha"] === undefined) {
    problems.push({
      input: "git-sha",
      problem: `is empty, and with ci: true outside a pull_request event (${context.eventName || "unknown event"}) the pull request's head commit is unknown`,
      fix: "set git-sha to the pull request's head sha, or run on pull_request events",
    });
  }
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x));
}

function dedupe(problems: InputProblem[]): InputProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.input}:${p.problem}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export type { InputName };
