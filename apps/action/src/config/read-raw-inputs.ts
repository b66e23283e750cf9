import { ENV_FALLBACKS, INPUT_DEFAULTS, INPUT_NAMES, type InputName } from "./defaults.js";

export type RawInputs = Record<InputName, string>;

/** The variable the runner sets for an input (same rule as @actions/core's getInput). */
export function inputEnvName(name: string): string {
  return `INPUT_${name.replace(/ /g, "_").toUpperCase()}`;
}

/**
 * Reads every input once, as trimmed strings. An input missing from the environment gets its action.yml
 * default (an input set to an empty string stays empty: `artifacts: ''` means none). Empty credentials and
 * job id fall back to the DBT_CLOUD_* variables. `${{ github.token }}` as a literal (no runner expanded it)
 * falls back to GITHUB_TOKEN.
 */
export function readRawInputs(env: NodeJS.ProcessEnv): RawInputs {
  const raw = {} as RawInputs;
  for (const name of INPUT_NAMES) {
    const value = env[inputEnvName(name)];
    let text = value === undefined ? (INPUT_DEFAULTS[name] ?? "") : value.trim();
    const fallback = ENV_FALLBACKS[name];
    // access-url always arrives with its action.yml default on a runner, so the default yields too.
    const unset =
      value === undefined || text === "" || (name === "access-url" && text === INPUT_DEFAULTS[name]);
    if (fallback !== undefined && unset) {
      const fromEnv = env[fallback]?.trim();
      if (fromEnv) text = fromEnv;
    }
    raw[name] = text;
  }
  if (raw["github-token"] === INPUT_DEFAULTS["github-token"])
    raw["github-token"] = env.GITHUB_TOKEN?.trim() ?? "";
  // DBT_CLOUD_JOB_ID must not contradict an explicit job-name.
  if (raw["job-name"] !== "" && !env[inputEnvName("job-id")]?.trim()) raw["job-id"] = "";
  return raw;
}
