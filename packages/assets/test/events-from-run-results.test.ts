import { describe, expect, it, vi } from "vitest";
import { DbtCloudTranslator, type DbtEvent, eventsFromRunResults } from "../src/index.js";
import { buildSpecsFromSelection } from "../src/specs/build-specs-from-selection.js";
import { allIds, loadManifest, loadRunResults } from "./support/artifacts.js";

function byType(events: DbtEvent[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const e of events) counts[e.type] = (counts[e.type] ?? 0) + 1;
  return counts;
}

describe("eventsFromRunResults", () => {
  it("turns a successful dbt build into materializations and passing check results", () => {
    const manifest = loadManifest("jaffle-shop-yu-iskw/v12-dbt1.9.0-build/manifest_1.9.json");
    const runResults = loadRunResults("jaffle-shop-yu-iskw/v12-dbt1.9.0-build/run_results.json");
    const events = eventsFromRunResults(runResults, manifest);
    // 41 successes minus 2 operations (not assets) = 39 models + seeds; 20 tests.
    expect(byType(events)).toEqual({ materialization: 39, check_result: 20 });
    const orders = events.find((e) => e.uniqueId === "model.jaffle_shop.orders");
    expect(orders?.type).toBe("materialization");
    expect(orders?.metadata).toMatchObject({
      unique_id: "model.jaffle_shop.orders",
      invocation_id: "cfbc1db9-66c1-46c2-a94b-8c0cef32314f",
      status: "success",
    });
    expect(typeof orders?.metadata.execution_duration).toBe("number");
    expect(orders?.completedAt).toBe(
      runResults.results.find((r) => r.unique_id === "model.jaffle_shop.orders")?.timing.at(-1)?.completed_at,
    );
    const check = events.find((e) => e.type === "check_result");
    expect(check).toMatchObject({ passed: true, severity: "error", status: "pass", failedRowCount: 0 });
    expect(check?.metadata.failed_row_count).toBe(0);
  });

  it("emits explicit failure and skip events, with the database error as message", () => {
    const manifest = loadManifest("adinsight360/run-error-skip/manifest.json");
    const runResults = loadRunResults("adinsight360/run-error-skip/run_results.json");
    const events = eventsFromRunResults(runResults, manifest);
    expect(events.map((e) => [e.type, e.uniqueId])).toEqual([
      ["asset_failure", "model.adinsight.stg_reddit_posts"],
      ["asset_skipped", "model.adinsight.marketing_insights"],
    ]);
    const failure = events[0];
    if (failure?.type !== "asset_failure") throw new Error("expected a failure");
    expect(failure.message).toMatch(/^Database Error in model stg_reddit_posts/);
    expect(failure.metadata.relation_name).toBe("ADINSIGHT_DB.public_analytics.stg_reddit_posts");
    // The skipped model has an empty timing list: completion falls back to when run_results was written.
    expect(events[1]?.completedAt).toBe(runResults.metadata.generated_at);
  });

  it("reports failing tests, and warn-severity results as not passed with warn severity", () => {
    const manifest = loadManifest("adinsight360/test-errors/manifest.json");
    const runResults = loadRunResults("adinsight360/test-errors/run_results.json");
    const events = eventsFromRunResults(runResults, manifest);
    const failed = events.filter((e) => e.type === "check_result" && !e.passed);
    expect(failed.map((e) => e.uniqueId).sort()).toEqual([
      "test.adinsight.dbt_utils_expression_is_true_marketing_insights_total_posts___0.cd9e2c0c36",
      "test.adinsight.not_null_marketing_insights_dimension.d7bb46140b",
    ]);
    expect(
      failed.every((e) => e.type === "check_result" && e.severity === "error" && e.status === "error"),
    ).toBe(true);

    const tuva = loadManifest("tuva/v7-dbt1.3.1-build-warn/manifest.json");
    const tuvaRun = loadRunResults("tuva/v7-dbt1.3.1-build-warn/run_results.json");
    const warns = eventsFromRunResults(tuvaRun, tuva).filter(
      (e) => e.type === "check_result" && e.status === "warn",
    );
    expect(warns).toHaveLength(4);
    const big = warns.find((e) => e.uniqueId.includes("singular_condition_category"));
    expect(big).toMatchObject({ passed: false, severity: "warn", failedRowCount: 75098 });
  });

  it("adds run id and run URL from dbt Cloud's metadata.env and options", () => {
    const manifest = loadManifest("adinsight360/run-error-skip/manifest.json");
    const runResults = structuredClone(loadRunResults("adinsight360/run-error-skip/run_results.json"));
    runResults.metadata.env = { DBT_CLOUD_RUN_ID: "5555", DBT_CLOUD_JOB_ID: "4444" };
    const events = eventsFromRunResults(runResults, manifest, {
      runUrl: "https://cloud.getdbt.com/deploy/1/projects/2/runs/5555/",
    });
    expect(events[0]?.metadata.run_id).toBe("5555");
    expect(events[0]?.metadata.run_url).toBe("https://cloud.getdbt.com/deploy/1/projects/2/runs/5555/");
  });

  it("builds the run URL from metadata.env and the access URL", () => {
    const manifest = loadManifest("adinsight360/run-error-skip/manifest.json");
    const runResults = structuredClone(loadRunResults("adinsight360/run-error-skip/run_results.json"));
    runResults.metadata.env = {
      DBT_CLOUD_RUN_ID: "5555",
      DBT_CLOUD_ACCOUNT_ID: "1111",
      DBT_CLOUD_PROJECT_ID: "2222",
    };
    const events = eventsFromRunResults(runResults, manifest, { accessUrl: "emea.dbt.com/" });
    expect(events[0]?.metadata.run_url).toBe("https://emea.dbt.com/deploy/1111/projects/2222/runs/5555/");
    expect(eventsFromRunResults(runResults, manifest)[0]?.metadata.run_url).toBeUndefined();
  });

  it("falls back to the clock when timing is empty and run_results has no generated_at", () => {
    const manifest = loadManifest("adinsight360/run-error-skip/manifest.json");
    const runResults = structuredClone(loadRunResults("adinsight360/run-error-skip/run_results.json"));
    delete runResults.metadata.generated_at;
    for (const r of runResults.results) r.timing = [];
    const now = new Date("2030-01-02T03:04:05.000Z");
    const events = eventsFromRunResults(runResults, manifest, { now: () => now });
    expect(events.map((e) => e.completedAt)).toEqual([now.toISOString(), now.toISOString()]);
  });

  it("warns once about results the manifest does not know and skips them", () => {
    const manifest = loadManifest("adinsight360/run-error-skip/manifest.json");
    const runResults = loadRunResults("jaffle-shop-yu-iskw/v12-dbt1.9.0-build/run_results.json");
    const warn = vi.fn();
    const events = eventsFromRunResults(runResults, manifest, {
      logger: { debug() {}, info() {}, warn, error() {} },
    });
    expect(events).toEqual([]);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]?.[0]).toMatch(/^61 result\(s\) in run_results.json are not in the manifest/);
  });

  it("uses keys from the translator, and with specs only emits the selected assets and checks", () => {
    const manifest = loadManifest("jaffle-shop-yu-iskw/v12-dbt1.9.0-build/manifest_1.9.json");
    const runResults = loadRunResults("jaffle-shop-yu-iskw/v12-dbt1.9.0-build/run_results.json");
    const translator = new DbtCloudTranslator({ getAssetKey: (props) => ["dw", props.name ?? ""] });
    const all = eventsFromRunResults(runResults, manifest, { translator });
    expect(all.every((e) => "assetKey" in e && e.assetKey[0] === "dw")).toBe(true);

    const selected = new Set(["model.jaffle_shop.orders", "model.jaffle_shop.customers"]);
    const firstOrdersTest = Object.values(manifest.nodes).find(
      (n) => n.resource_type === "test" && n.attached_node === "model.jaffle_shop.orders",
    );
    if (!firstOrdersTest) throw new Error("fixture changed");
    selected.add(firstOrdersTest.unique_id);
    const specs = buildSpecsFromSelection(manifest, selected, { translator });
    const events = eventsFromRunResults(runResults, manifest, { specs });
    expect(events.map((e) => e.uniqueId).sort()).toEqual(
      ["model.jaffle_shop.customers", "model.jaffle_shop.orders", firstOrdersTest.unique_id].sort(),
    );
    const check = events.find((e) => e.type === "check_result");
    expect(check?.assetKey).toEqual(["dw", "orders"]);
  });

  it("treats dbt Fusion's results leniently: ephemeral models it reports as skipped are not assets", () => {
    const manifest = loadManifest("dbt-bouncer/fusion2.0.0-beta.2-build/manifest.json");
    const runResults = loadRunResults("dbt-bouncer/fusion2.0.0-beta.2-build/run_results.json");
    const events = eventsFromRunResults(runResults, manifest, {
      specs: buildSpecsFromSelection(manifest, allIds(manifest)),
    });
    const counts = byType(events);
    expect(counts.materialization).toBeGreaterThan(0);
    expect(counts.check_result).toBeGreaterThan(0);
    expect(
      events.filter((e) => e.type === "check_result").every((e) => e.type === "check_result" && e.passed),
    ).toBe(true);
    const skippedResults = runResults.results.filter((r) => r.status === "skipped").map((r) => r.unique_id);
    expect(skippedResults).toHaveLength(3);
    for (const id of skippedResults) expect(manifest.nodes[id]?.config?.materialized).toBe("ephemeral");
    expect(events.filter((e) => e.type === "asset_skipped")).toEqual([]);
  });
});
