import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
// @ts-expect-error plain ESM script shared with `pnpm docs`, no type declarations
import { actionYmlPath, normalizeTables, readmePath, renderReadme } from "../../scripts/action-tables.mjs";
import { INPUT_DEFAULTS } from "../../src/config/defaults.js";

interface ActionYml {
  inputs: Record<string, { description?: string; default?: string; required?: boolean }>;
  outputs: Record<string, { description?: string }>;
  runs: Record<string, string>;
}

const yamlText = readFileSync(actionYmlPath, "utf8");
const action = parse(yamlText) as ActionYml;

const DESIGN_OUTPUTS = [
  "run-id",
  "run-url",
  "status",
  "status-code",
  "status-message",
  "job-id",
  "git-sha",
  "git-branch",
  "duration-seconds",
  "queued-seconds",
  "artifacts-dir",
  "run-results-path",
  "manifest-path",
  "results",
  "failed-nodes",
  "failed-nodes-path",
];

describe("action.yml", () => {
  it("declares exactly the inputs the code reads, with the same defaults", () => {
    expect(Object.keys(action.inputs).sort()).toEqual(Object.keys(INPUT_DEFAULTS).sort());
    for (const [name, spec] of Object.entries(action.inputs)) {
      expect(spec.description, name).toBeTruthy();
      expect(spec.default, name).toBe(INPUT_DEFAULTS[name as keyof typeof INPUT_DEFAULTS]);
    }
  });

  it("declares every output of DESIGN.md with a description", () => {
    expect(Object.keys(action.outputs)).toEqual(DESIGN_OUTPUTS);
    for (const spec of Object.values(action.outputs)) expect(spec.description).toBeTruthy();
  });

  it("runs the committed bundles on node24 with an always-run post step", () => {
    expect(action.runs).toEqual({
      using: "node24",
      main: "apps/action/dist/main.js",
      post: "apps/action/dist/post.js",
      "post-if": "always()",
    });
  });

  it("is documented by README tables generated from it (run `pnpm --filter @dbt-cloud-kit/action docs`)", () => {
    const readme = readFileSync(readmePath, "utf8");
    expect(normalizeTables(renderReadme(readme, yamlText))).toBe(normalizeTables(readme));
  });
});

describe("examples/", () => {
  const dir = fileURLToPath(new URL("../../../../examples/", import.meta.url));
  const files = readdirSync(dir).filter((f) => f.endsWith(".yml"));

  it("has the four workflows of the issue", () => {
    expect(files.sort()).toEqual([
      "deploy-on-merge.yml",
      "fire-and-forget.yml",
      "nightly-artifacts.yml",
      "pr-ci.yml",
    ]);
  });

  it.each(files)("%s uses only declared inputs and outputs", (file) => {
    const text = readFileSync(`${dir}${file}`, "utf8");
    const workflow = parse(text) as {
      jobs: Record<string, { steps: { uses?: string; with?: Record<string, unknown> }[] }>;
    };
    const ours = Object.values(workflow.jobs)
      .flatMap((job) => job.steps)
      .filter((step) => step.uses?.startsWith("dbt-cloud-kit/dbt-cloud-kit@"));
    expect(ours.length).toBeGreaterThan(0);
    for (const step of ours) {
      for (const input of Object.keys(step.with ?? {})) expect(Object.keys(action.inputs)).toContain(input);
    }
    for (const [, output] of text.matchAll(/steps\.dbt\.outputs\.([a-z-]+)/g)) {
      expect(Object.keys(action.outputs)).toContain(output);
    }
  });
});
