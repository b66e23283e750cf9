import { join } from "node:path";
import { readManifestFile, readRunResultsFile, summarizeRunResults } from "@dbt-cloud-kit/assets";
import { describe, expect, it } from "vitest";
import type { SummaryFacts } from "../src/index.js";
import { renderJobSummary } from "../src/index.js";
import { ARTIFACTS_DIR } from "./fixtures-path.js";

const failingFacts: SummaryFacts = {
  status: "error",
  statusCode: 20,
  runId: 70403104,
  runUrl: "https://ab123.us1.dbt.com/deploy/1/projects/2/runs/70403104/",
  jobId: 42,
  jobName: "CI | adinsight build",
  how: "triggered",
  cause: "GitHub Actions: CI #17 (org/adinsight@0123456, PR #8)",
  gitSha: "0123456789abcdef0123456789abcdef01234567",
  gitBranch: "feature/metrics",
  pullRequest: 8,
  schemaOverride: "dbt_cloud_pr_42_8",
  durationSeconds: 95,
  queuedSeconds: 12,
  runSeconds: 83,
  statusMessage: "Failed in step 4: Invoke dbt with `dbt build`",
  failedStep: { index: 4, name: "Invoke dbt with `dbt build`" },
  notes: [],
  warnings: [],
  workflowRunUrl: "https://github.com/org/adinsight/actions/runs/99",
  artifacts: {
    dir: "dbt-cloud-artifacts",
    step: 4,
    files: ["run_results.json", "manifest.json"],
    missing: [],
  },
};

async function summaryOf(folder: string) {
  const dir = join(ARTIFACTS_DIR, folder);
  const [runResults, manifest] = await Promise.all([
    readRunResultsFile(join(dir, "run_results.json")),
    readManifestFile(join(dir, "manifest.json")),
  ]);
  return summarizeRunResults(runResults, manifest);
}

describe("renderJobSummary", () => {
  it("renders a failing run of a real artifact set (adinsight360 test errors)", async () => {
    const markdown = renderJobSummary(failingFacts, await summaryOf("adinsight360/test-errors"));
    expect(markdown).not.toContain(ARTIFACTS_DIR);
    expect(markdown).not.toMatch(/\/(work|home|tmp|Users)\//);
    await expect(markdown).toMatchFileSnapshot("__snapshots__/job-summary-test-errors.md.snap");
  });

  it("renders a model error with a skipped descendant (adinsight360 run-error-skip)", async () => {
    const markdown = renderJobSummary(failingFacts, await summaryOf("adinsight360/run-error-skip"));
    expect(markdown).toContain("stg_reddit_posts");
    expect(markdown).toContain("models/staging/stg_reddit_posts.sql");
    expect(markdown).not.toMatch(/\/(work|home|tmp|Users)\//);
    await expect(markdown).toMatchFileSnapshot("__snapshots__/job-summary-run-error-skip.md.snap");
  });

  it("renders the Gantt chart and slowest models of a larger successful build (tuva, with warnings)", async () => {
    const summary = await summaryOf("tuva/v7-dbt1.3.1-build-warn");
    const { failedStep: _, ...rest } = failingFacts;
    const markdown = renderJobSummary({ ...rest, status: "success", statusCode: 10 }, summary);
    expect(markdown).toContain("### Slowest models");
    expect(markdown).toContain("```mermaid\ngantt");
    expect(markdown).toContain("⚠️ warn");
    // At most 30 bars, however many nodes ran.
    const bars = markdown.split("\n").filter((l) => /^ {2}\S.* :(crit, |active, )?\d+, \d+$/.test(l));
    expect(bars.length).toBeGreaterThan(0);
    expect(bars.length).toBeLessThanOrEqual(30);
  });

  it("does not blame an upstream failure for Fusion's skipped nodes in a successful build", async () => {
    const summary = await summaryOf("dbt-bouncer/fusion2.0.0-beta.2-build");
    const { failedStep: _, ...rest } = failingFacts;
    const markdown = renderJobSummary({ ...rest, status: "success", statusCode: 10 }, summary);
    expect(summary.failed).toEqual([]);
    expect(markdown).toContain("⏭️ 3 nodes were skipped.");
    expect(markdown).not.toContain("upstream failed");
    expect(markdown).toContain("### Results");
  });

  it("says why there are no node results when run_results.json is missing", () => {
    const markdown = renderJobSummary({
      ...failingFacts,
      artifacts: {
        dir: "dbt-cloud-artifacts",
        step: 4,
        files: ["manifest.json"],
        missing: ["run_results.json"],
      },
    });
    expect(markdown).toContain("No run_results.json");
    expect(markdown).toContain("## ❌ dbt Cloud [run #70403104]");
  });

  it("does not call run_results.json missing when the artifacts input did not ask for it", () => {
    const { artifacts: _, ...rest } = failingFacts;
    const markdown = renderJobSummary(rest);
    expect(markdown).not.toContain("No run_results.json");
    expect(markdown).toContain("add it to the `artifacts` input");
  });

  it("escapes table cells so node messages cannot break the Markdown", () => {
    const markdown = renderJobSummary({ ...failingFacts, jobName: "a | b\nc" });
    expect(markdown).toContain("a &#124; b c");
  });
});
