import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  type DbtArtifactKind,
  parseCatalog,
  parseDbtArtifact,
  parseManifest,
  parseRunResults,
  parseSourcesJson,
  readDbtArtifactFile,
  readManifestFile,
} from "../../src/index.js";
import { artifactPath, listArtifactFiles } from "./fixture-paths.js";

const files = listArtifactFiles();

function expectedKind(schemaVersion: string): DbtArtifactKind {
  const kind = /\/dbt\/([a-z-]+)\/v\d+\.json$/.exec(schemaVersion)?.[1];
  return kind as DbtArtifactKind;
}

describe("every real artifact under shared/fixtures/dbt-artifacts", () => {
  it("finds the fixture files", () => {
    expect(files.length).toBeGreaterThanOrEqual(50);
  });

  it.each(files)("loads %s", async (relative) => {
    const path = artifactPath(relative);
    const raw = JSON.parse(readFileSync(path, "utf8")) as {
      metadata: { dbt_schema_version: string; dbt_version: string };
      nodes?: Record<string, unknown>;
      results?: unknown[];
    };
    const read = await readDbtArtifactFile(path);
    expect(read.kind).toBe(expectedKind(raw.metadata.dbt_schema_version));
    expect(read.info.schemaVersion).toBe(raw.metadata.dbt_schema_version);
    expect(read.info.dbtVersion).toBe(raw.metadata.dbt_version);
    expect(read.info.fusion).toBe(raw.metadata.dbt_version.startsWith("2."));
    // nothing dropped: the reader returns every field dbt wrote
    expect(Object.keys(read.artifact).sort()).toEqual(Object.keys(raw).sort());
    switch (read.kind) {
      case "manifest":
        expect(Object.keys(read.artifact.nodes)).toEqual(Object.keys(raw.nodes ?? {}));
        break;
      case "run-results":
      case "sources":
        expect(read.artifact.results).toHaveLength(raw.results?.length ?? -1);
        break;
      case "catalog":
        expect(Object.keys(read.artifact.nodes)).toEqual(Object.keys(raw.nodes ?? {}));
        break;
    }
  });
});

describe("kind-specific readers on real files", () => {
  it("reads the v6 manifest (dbt 1.2) that is below the v7 line but accepted", async () => {
    const manifest = await readManifestFile(artifactPath("thorchain-models/manifest.json"));
    expect(Object.keys(manifest.nodes)).toHaveLength(897);
    expect(Object.keys(manifest.sources)).toHaveLength(40);
    const model = Object.values(manifest.nodes).find((node) => node.resource_type === "model");
    expect(typeof model?.raw_sql).toBe("string");
  });

  it("reads the dbt Fusion manifest and run_results and flags them as Fusion", () => {
    const dir = "dbt-bouncer/fusion2.0.0-beta.2-build";
    const manifest = parseManifest(readFileSync(artifactPath(`${dir}/manifest.json`)));
    const runResults = parseRunResults(readFileSync(artifactPath(`${dir}/run_results.json`), "utf8"));
    expect(parseDbtArtifact(manifest).info).toMatchObject({ kind: "manifest", version: 12, fusion: true });
    expect(Object.keys(manifest.unit_tests ?? {})).toHaveLength(4);
    expect(runResults.results.map((r) => r.status)).toContain("skipped");
  });

  it("reads catalog and sources.json", () => {
    const catalog = parseCatalog(readFileSync(artifactPath("b2b-saas-revops/catalog.json"), "utf8"));
    expect(Object.keys(catalog.sources)).toHaveLength(15);
    const sources = parseSourcesJson(readFileSync(artifactPath("b2b-saas-revops/sources.json"), "utf8"));
    expect(sources.results).toEqual([]);
    expect(sources.metadata.dbt_schema_version).toMatch(/sources\/v3/);
  });

  it("keeps empty timing lists of errored results (datahub run_results v4)", () => {
    const runResults = parseRunResults(
      readFileSync(artifactPath("datahub-jaffle-shop/jaffle_shop_test_results.json"), "utf8"),
    );
    const errors = runResults.results.filter((r) => r.status === "error");
    expect(errors).toHaveLength(2);
    expect(errors.every((r) => Array.isArray(r.timing))).toBe(true);
  });
});
