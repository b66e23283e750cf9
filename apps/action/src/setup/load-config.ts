import type { ActionConfig } from "../config/action-config.js";
import { ActionInputError, type InputProblem } from "../config/input-error.js";
import { parseConfig } from "../config/parse-config.js";
import { proxyProblems } from "../config/proxy-problems.js";
import type { RawInputs } from "../config/read-raw-inputs.js";
import { renamedInputProblems } from "../config/renamed-input-problems.js";
import { type GithubContext, GithubEventError, readGithubContext } from "../github/github-context.js";

/**
 * Everything the action depends on, validated at once before any request: the inputs, the workflow's
 * context, renamed inputs of other actions and the proxy variables. One ActionInputError lists every problem.
 */
export function loadConfig(
  env: NodeJS.ProcessEnv,
  raw: RawInputs,
): { config: ActionConfig; context: GithubContext } {
  const early: InputProblem[] = [...renamedInputProblems(env), ...proxyProblems(env)];
  let context: GithubContext;
  try {
    context = readGithubContext();
  } catch (error) {
    if (!(error instanceof GithubEventError)) throw error;
    throw new ActionInputError([
      ...early,
      {
        input: "GITHUB_EVENT_PATH",
        source: "variable",
        problem: error.message,
        fix: "run the action on a GitHub runner, which writes the event file, or point GITHUB_EVENT_PATH at a JSON event payload",
      },
    ]);
  }
  let config: ActionConfig;
  try {
    config = parseConfig(raw, context);
  } catch (error) {
    if (error instanceof ActionInputError && early.length > 0) {
      throw new ActionInputError([...early, ...error.problems]);
    }
    throw error;
  }
  if (early.length > 0) throw new ActionInputError(early);
  return { config, context };
}
