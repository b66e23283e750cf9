import { z } from "zod";
import { ACCOUNT_ID_WHERE } from "./account-id-hint.js";
import { artifactPathProblem } from "./artifact-path.js";
import { controlCharacterProblem } from "./control-characters.js";
import {
  booleanValue,
  CONTROL_CHARACTER_FIX,
  enumValue,
  inputField,
  listValue,
  nonNegativeIntegerValue,
  positiveIntegerValue,
  quote,
  secondsValue,
  textValue,
} from "./value-parsers.js";

const DAY_SECONDS = 86_400;

const ARTIFACT_FIX =
  "list each artifact relative to dbt's target/ directory, directories separated by a single /, without " +
  '".", "..", a leading /, a drive letter, a backslash or control characters';

/**
 * The smallest positive poll-interval, timeout and request-timeout (seconds): durations are whole
 * milliseconds, and one that rounds to 0 ms would mean a busy loop, "no limit" or an instant failure.
 * action.yml states it in each input's description.
 */
export const DURATION_MINIMUM_SECONDS = 0.001;

/** Every input as a zod transform from its raw string; cross-input rules live in parse-config.ts. */
export const inputSchema = z.object({
  "api-token": z.string(),
  "account-id": inputField(positiveIntegerValue(`account-id ${ACCOUNT_ID_WHERE}`)),
  "access-url": z.string(),
  "job-id": inputField(positiveIntegerValue("job-id to the number in the job's URL (…/jobs/<id>)")),
  "job-name": inputField(textValue()),
  "project-id": inputField(positiveIntegerValue("project-id to the project's id")),
  "environment-id": inputField(positiveIntegerValue("environment-id to the environment's id")),
  cause: inputField(textValue()),
  "git-sha": inputField((value) =>
    value === "" || /^[0-9a-f]{7,40}$/i.test(value)
      ? { ok: true, value: value === "" ? undefined : value }
      : {
          ok: false,
          problem: `${quote(value)} is not a commit sha`,
          fix: "use a 7-40 character hex sha",
        },
  ),
  "git-branch": inputField(textValue()),
  "pull-request-id": inputField(positiveIntegerValue("pull-request-id to the pull request number")),
  ci: inputField(booleanValue(false)),
  "schema-override": inputField(textValue()),
  "dbt-version-override": inputField(textValue()),
  "threads-override": inputField(positiveIntegerValue("threads-override to a thread count such as 8")),
  "target-name-override": inputField(textValue()),
  "generate-docs-override": inputField(booleanValue(undefined)),
  "timeout-seconds-override": inputField(
    nonNegativeIntegerValue("timeout-seconds-override to seconds, e.g. 3600"),
  ),
  "steps-override": inputField((value) => {
    const lines = value.split("\n").map((s) => s.trim());
    for (const [index, line] of lines.entries()) {
      const control = controlCharacterProblem(line);
      if (control !== undefined) {
        return { ok: false, problem: `line ${index + 1} ${control}`, fix: CONTROL_CHARACTER_FIX };
      }
    }
    const steps = lines.filter((s) => s !== "");
    const bad = steps.find((s) => !/^dbt\s+\S/.test(s));
    if (bad !== undefined) {
      return {
        ok: false,
        problem: `line ${quote(bad)} is not a dbt command`,
        fix: "write one dbt command per line, each starting with 'dbt ', e.g. dbt build -s tag:nightly",
      };
    }
    return { ok: true, value: steps.length > 0 ? steps : undefined };
  }),
  wait: inputField(booleanValue(true)),
  "poll-interval": inputField(
    secondsValue({
      allowZero: false,
      example: "10 or 0.5",
      min: DURATION_MINIMUM_SECONDS,
      max: 3600,
    }),
  ),
  timeout: inputField(
    secondsValue({
      allowZero: true,
      example: "3600 (0 = no limit)",
      min: DURATION_MINIMUM_SECONDS,
      max: 30 * DAY_SECONDS,
    }),
  ),
  "cancel-on-timeout": inputField(booleanValue(true)),
  "cancel-on-abort": inputField(booleanValue(true)),
  "fail-on-error": inputField(booleanValue(true)),
  "if-running": inputField(enumValue(["queue", "reuse", "cancel"] as const)),
  "retry-failed": inputField(booleanValue(false)),
  artifacts: inputField((value) => {
    const paths = listValue(value);
    const bad = paths.flatMap((path) => {
      const problem = artifactPathProblem(path);
      return problem === undefined
        ? []
        : [
            {
              problem: `entry ${quote(path)} is not a path inside dbt's target/ directory: it ${problem}`,
              fix: `${ARTIFACT_FIX}, e.g. run_results.json or compiled/my_project/models/x.sql`,
            },
          ];
    });
    const [first, ...more] = bad;
    if (first !== undefined) return { ok: false, ...first, more };
    return { ok: true, value: paths };
  }),
  "artifacts-dir": inputField((value) =>
    value === ""
      ? { ok: false, problem: "is empty", fix: "set a directory such as dbt-cloud-artifacts" }
      : { ok: true, value },
  ),
  "artifacts-step": inputField<"auto" | number>((value) => {
    if (value === "" || value.toLowerCase() === "auto") return { ok: true, value: "auto" as const };
    const n = positiveIntegerValue("artifacts-step")(value);
    if (n.ok && n.value !== undefined) return { ok: true, value: n.value };
    return {
      ok: false,
      problem: `"${value}" is neither auto nor a step number`,
      fix: "use auto or a 1-based step index",
    };
  }),
  "job-summary": inputField(booleanValue(true)),
  annotations: inputField(booleanValue(true)),
  "pr-comment": inputField(booleanValue(false)),
  "github-token": inputField(textValue()),
  "request-timeout": inputField(
    secondsValue({ allowZero: false, example: "30", min: DURATION_MINIMUM_SECONDS, max: 600 }),
  ),
});

export type ParsedInputs = z.output<typeof inputSchema>;
