import { ARTIFACT_OPTIONS, listValue, WAIT_OPTIONS } from "@dbt-cloud-kit/app-kit";
import type { OptionReader } from "../options/option-reader.js";
import type { FollowOptions } from "./follow-run.js";

/** The wait and artifact options of run / wait / retry, with the action's defaults. */
export function readFollowOptions(
  reader: OptionReader,
  options: { out?: string },
  canSkipWait: boolean,
): FollowOptions {
  const artifacts = reader.read(ARTIFACT_OPTIONS.artifacts) ?? [];
  const defaults = listValue(ARTIFACT_OPTIONS.artifacts.defaultValue ?? "");
  const explicit = reader.given(ARTIFACT_OPTIONS.artifacts);
  const sameAsDefault = artifacts.length === defaults.length && artifacts.every((a) => defaults.includes(a));
  const dirCheck = ARTIFACT_OPTIONS.artifactsDir.check(
    options.out ?? ARTIFACT_OPTIONS.artifactsDir.defaultValue ?? "",
  );
  if (!dirCheck.ok) reader.add({ source: "--out", problem: dirCheck.problem, fix: dirCheck.fix });
  return {
    wait: canSkipWait ? reader.read(WAIT_OPTIONS.wait) : true,
    pollIntervalMs: reader.read(WAIT_OPTIONS.pollInterval),
    timeoutMs: reader.read(WAIT_OPTIONS.timeout),
    cancelOnTimeout: reader.read(WAIT_OPTIONS.cancelOnTimeout),
    cancelOnAbort: reader.read(WAIT_OPTIONS.cancelOnAbort),
    failOnError: reader.read(WAIT_OPTIONS.failOnError),
    artifacts,
    requiredArtifacts: explicit && !sameAsDefault ? artifacts : [],
    artifactsDir: dirCheck.ok ? dirCheck.value : "",
    artifactsStep: reader.read(ARTIFACT_OPTIONS.artifactsStep),
  };
}
