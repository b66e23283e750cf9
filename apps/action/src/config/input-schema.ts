import { z } from "zod";
import { ACCOUNT_ID_WHERE } from "./account-id-hint.js";
import {
  booleanValue,
  enumValue,
  inputField,
  listValue,
  nonNegativeIntegerValue,
  positiveIntegerValue,
  secondsValue,
  textValue,
} from "./value-parsers.js";

const DAY_SECONDS = 86_400;

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
          problem: `"${value.slice(0, 60)}" is not a commit sha`,
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
    const steps = value
      .split("\n")
      .map((s) => s.trim())
      .filter((s) => s !== "");
    const bad = steps.find((s) => !/^dbt\s+\S/.test(s));
    if (bad !== undefined) {
      return {
        ok: false,
        problem: `line "${bad.slice(0, 60)}" is not a dbt command`,
        fix: "write one dbt command per line, each starting with 'dbt ', e.g. dbt build -s tag:nightly",
      };
    }
    return { ok: true, value: steps.length > 0 ? steps : undefined };
  }),
  wait: inputField(booleanValue(true)),
  "poll-interval": inputField(secondsValue({ allowZero: false, example: "10 or 0.5", max: 3600 })),
  timeout: inputField(
    secondsValue({ allowZero: true, example: "3600 (0 = no limit)", max: 30 * DAY_SECONDS }),
  ),
  "cancel-on-timeout": inputField(booleanValue(true)),
  "cancel-on-abort": inputField(booleanValue(true)),
  "fail-on-error": inputField(booleanValue(true)),
  "if-running": inputField(enumValue(["queue", "reuse", "cancel"] as const)),
  "retry-failed": inputField(booleanValue(false)),
  artifacts: inputField((value) => {
    const paths = listValue(value);
    const bad = paths.find((p) => p.startsWith("/") || p.split("/").includes("..") || p.includes("\\"));
    if (bad !== undefined) {
      return {
        ok: false,
        problem: `"${bad.slice(0, 80)}" is not a path inside dbt's target/ directory`,
        fix: "list paths relative to target/, e.g. run_results.json or compiled/my_project/models/x.sql",
      };
    }
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
  "request-timeout": inputField(secondsValue({ allowZero: false, example: "30", max: 600 })),
});

export type ParsedInputs = z.output<typeof inputSchema>;
