import { hostname, userInfo } from "node:os";
import { MAX_CAUSE_LENGTH } from "@dbt-cloud-kit/client";

/** dbt Cloud rejects long causes: cut to 255 characters. */
export function cutCause(cause: string): string {
  if (cause.length <= MAX_CAUSE_LENGTH) return cause;
  return `${cause.slice(0, MAX_CAUSE_LENGTH - 3)}...`;
}

/**
 * A cause that says where the run came from, so it can be found from dbt Cloud — and differs between two
 * pipelines, since the client matches a lost trigger's run by its cause. GitHub Actions gets the action's
 * own format; GitLab, Buildkite, Jenkins and CircleCI name their pipeline; elsewhere user@host.
 */
export function defaultCause(env: NodeJS.ProcessEnv): string {
  const sha = (value: string | undefined) => (value ? value.slice(0, 7) : undefined);
  const join = (...parts: (string | undefined)[]) => parts.filter(Boolean).join(" ");
  if (env.GITHUB_ACTIONS === "true") {
    const attempt =
      env.GITHUB_RUN_ATTEMPT && env.GITHUB_RUN_ATTEMPT !== "1" ? ` attempt ${env.GITHUB_RUN_ATTEMPT}` : "";
    const run = env.GITHUB_RUN_NUMBER ? ` #${env.GITHUB_RUN_NUMBER}${attempt}` : "";
    const where = [env.GITHUB_REPOSITORY, sha(env.GITHUB_SHA)].filter(Boolean).join("@");
    return cutCause(
      `GitHub Actions: ${env.GITHUB_WORKFLOW ?? "workflow"}${run}${where ? ` (${where})` : ""}`,
    );
  }
  if (env.GITLAB_CI === "true") {
    return cutCause(
      join(
        `GitLab CI: ${env.CI_PROJECT_PATH ?? "project"} pipeline #${env.CI_PIPELINE_IID ?? env.CI_PIPELINE_ID ?? "?"}`,
        env.CI_JOB_NAME ? `job ${env.CI_JOB_NAME}` : undefined,
        sha(env.CI_COMMIT_SHA) ? `(${sha(env.CI_COMMIT_SHA)})` : undefined,
      ),
    );
  }
  if (env.BUILDKITE === "true") {
    return cutCause(
      join(
        `Buildkite: ${env.BUILDKITE_PIPELINE_SLUG ?? "pipeline"} build #${env.BUILDKITE_BUILD_NUMBER ?? "?"}`,
        sha(env.BUILDKITE_COMMIT) ? `(${sha(env.BUILDKITE_COMMIT)})` : undefined,
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
