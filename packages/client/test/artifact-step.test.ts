import { describe, expect, it } from "vitest";
import { chooseArtifactStep, type DbtCloudRunStep, stepDbtCommand } from "../src/index.js";
import { runSteps } from "./helpers.js";

const step = (index: number, name: string, extra: Partial<DbtCloudRunStep> = {}): DbtCloudRunStep => ({
  index,
  name,
  ...extra,
});

describe("chooseArtifactStep", () => {
  it("skips docs generate and source freshness: picks the last build/run/test step", () => {
    expect(chooseArtifactStep({ run_steps: runSteps() as DbtCloudRunStep[] })).toBe(5);
  });

  it("picks the last of several result-writing steps", () => {
    expect(
      chooseArtifactStep({
        run_steps: [
          step(1, "Clone git repository"),
          step(4, "Invoke dbt with `dbt seed`"),
          step(5, "Invoke dbt with `dbt run`"),
          step(6, "Invoke dbt with `dbt test`"),
          step(7, "Invoke dbt with `dbt docs generate`"),
        ],
      }),
    ).toBe(6);
  });

  it("is order-independent and understands global flags and the command field", () => {
    expect(
      chooseArtifactStep({
        run_steps: [
          step(5, "Invoke dbt with `dbt --debug snapshot`"),
          step(3, "something", { run_step_command: { dbt_command: "dbt build" } }),
        ],
      }),
    ).toBe(5);
  });

  it("falls back to compile / run-operation when no build-like step exists", () => {
    expect(
      chooseArtifactStep({
        run_steps: [step(4, "Invoke dbt with `dbt compile`"), step(5, "Invoke dbt with `dbt docs generate`")],
      }),
    ).toBe(4);
  });

  it("is undefined without steps or without a result-writing dbt step", () => {
    expect(chooseArtifactStep({})).toBeUndefined();
    expect(chooseArtifactStep({ run_steps: null })).toBeUndefined();
    expect(
      chooseArtifactStep({
        run_steps: [
          step(4, "Invoke dbt with `dbt parse`"),
          step(5, "Invoke dbt with `dbt source freshness`"),
        ],
      }),
    ).toBeUndefined();
  });

  it("reads the dbt subcommand of a step", () => {
    expect(stepDbtCommand(step(1, "Invoke dbt with `dbt build -s x`"))).toBe("build");
    expect(stepDbtCommand(step(1, "Invoke dbt with `dbt docs generate`"))).toBe("docs generate");
    expect(stepDbtCommand(step(1, "Clone git repository"))).toBeUndefined();
  });
});
