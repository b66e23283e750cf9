import { hostname, userInfo } from "node:os";
import { MAX_CAUSE_LENGTH } from "@dbt-cloud-kit/client";

/** dbt Cloud rejects long causes (Airflow hit this): cut to 255 characters. */
export function cutCause(cause: string): string {
  if (cause.length <= MAX_CAUSE_LENGTH) return cause;
  return `${cause.slice(0, MAX_CAUSE_LENGTH - 3)}...`;
}

/** The GitHub Actions workflow run a trigger comes from. */
export interface GithubRunCause {
  workflow?: string | undefined;
  runNumber?: number | string | undefined;
  runAttempt?: number | string | undefined;
  /** `owner/name`. */
  repository?: string | undefined;
  /** The commit (cut to 7 characters). */
  sha?: string | undefined;
  pullRequest?: number | undefined;
}

/**
 * Where a trigger comes from: the action passes its workflow context (`github`); the CLI passes its
 * environment, from which GitHub Actions, GitLab CI, Buildkite, Jenkins and CircleCI are recognised.
 */
export interface CauseOrigin {
  github?: GithubRunCause | undefined;
  env?: Readonly<Record<string, string | undefined>> | undefined;
}

const short = (sha: string | undefined) => (sha ? sha.slice(0, 7) : undefined);
const join = (...parts: (string | undefined)[]) => parts.filter(Boolean).join(" ");
const given = (value: string | undefined) => (value === "" ? undefined : value);

/**
 * A cause that says where the run came from, so it can be found from dbt Cloud — and differs between two
 * pipelines (and re-runs), since the client matches a lost trigger's run by its cause. GitHub Actions:
 * "GitHub Actions: <workflow> #<run number> (<repo>@<sha7>, PR #n)"; other CI systems name their pipeline;
 * elsewhere user@host. Never longer than dbt Cloud's 255 characters.
 */
export function defaultCause(origin: CauseOrigin): string {
  const env = origin.env ?? {};
  const github =
    origin.github ??
    (env.GITHUB_ACTIONS === "true"
      ? {
          workflow: given(env.GITHUB_WORKFLOW),
          runNumber: given(env.GITHUB_RUN_NUMBER),
          runAttempt: given(env.GITHUB_RUN_ATTEMPT),
          repository: given(env.GITHUB_REPOSITORY),
          sha: given(env.GITHUB_SHA),
        }
      : undefined);
  if (github) return cutCause(githubCause(github));
  if (env.GITLAB_CI === "true") {
    return cutCause(
      join(
        `GitLab CI: ${env.CI_PROJECT_PATH ?? "project"} pipeline #${env.CI_PIPELINE_IID ?? env.CI_PIPELINE_ID ?? "?"}`,
        env.CI_JOB_NAME ? `job ${env.CI_JOB_NAME}` : undefined,
        short(env.CI_COMMIT_SHA) ? `(${short(env.CI_COMMIT_SHA)})` : undefined,
      ),
    );
  }
  if (env.BUILDKITE === "true") {
    return cutCause(
      join(
        `Buildkite: ${env.BUILDKITE_PIPELINE_SLUG ?? "pipeline"} build #${env.BUILDKITE_BUILD_NUMBER ?? "?"}`,
        short(env.BUILDKITE_COMMIT) ? `(${short(env.BUILDKITE_COMMIT)})` : undefined,
      ),
    );
  }
  if (env.JENKINS_URL && env.BUILD_TAG) return cutCause(`Jenkins: ${env.BUILD_TAG}`);
  if (env.CIRCLECI === "true") {
    return cutCause(
      `CircleCI: ${env.CIRCLE_PROJECT_REPONAME ?? "project"} build #${env.CIRCLE_BUILD_NUM ?? "?"}`,
    );
  }
  let user = "user";
  try {
    user = userInfo().username;
  } catch {
    // No passwd entry (containers): keep the placeholder.
  }
  return cutCause(`dbt-cloud-kit CLI (${user}@${hostname()})`);
}

function githubCause(github: GithubRunCause): string {
  const workflow = github.workflow ?? "workflow";
  // The attempt keeps re-runs distinct.
  const attempt =
    github.runAttempt !== undefined && String(github.runAttempt) !== "1"
      ? ` attempt ${github.runAttempt}`
      : "";
  const run = github.runNumber !== undefined ? ` #${github.runNumber}${attempt}` : "";
  const where = [github.repository, short(github.sha)].filter(Boolean).join("@");
  const pr = github.pullRequest !== undefined ? `PR #${github.pullRequest}` : undefined;
  const details = [where || undefined, pr].filter(Boolean).join(", ");
  return `GitHub Actions: ${workflow}${run}${details ? ` (${details})` : ""}`;
}
