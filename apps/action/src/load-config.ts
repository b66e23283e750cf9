import type { ActionConfig } from "./config/action-config.js";
import { ActionInputError, type InputProblem } from "./config/input-error.js";
import { parseConfig } from "./config/parse-config.js";
import { proxyProblems } from "./config/proxy-env.js";
import type { RawInputs } from "./config/read-inputs.js";
import { renamedInputProblems } from "./config/renamed-inputs.js";
import { type GithubContext, readGithubContext } from "./github/github-context.js";

/**
 * Everything the action depends on, validated at once before any request: the inputs, the workflow's
 * context, renamed inputs of other actions and the proxy variables. One ActionInputError lists every problem.
 */
export function loadConfig(
  env: NodeJS.ProcessEnv,
  raw: RawInputs,
): { config: ActionConfig; context: GithubContext } {
  const early: InputProblem[] = [...renamedInputProblems(env), ...proxyProblems(env)];
  const context = readGithubContext(env);
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
