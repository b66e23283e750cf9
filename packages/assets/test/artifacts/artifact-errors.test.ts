import { describe, expect, it } from "vitest";
import {
  DbtArtifactError,
  getDbtArtifactInfo,
  parseCatalog,
  parseDbtArtifact,
  parseManifest,
  parseRunResults,
  parseSourcesJson,
} from "../../src/index.js";

const schema = (kind: string, version: number) => `https://schemas.getdbt.com/dbt/${kind}/v${version}.json`;

function manifest(version: number, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    metadata: { dbt_schema_version: schema("manifest", version), dbt_version: "1.9.0" },
    nodes: {},
    sources: {},
    ...extra,
  };
}

function catchError(fn: () => unknown): DbtArtifactError {
  try {
    fn();
  } catch (error) {
    if (error instanceof DbtArtifactError) return error;
    throw error;
  }
  throw new Error("expected a DbtArtifactError");
}

describe("DbtArtifactError", () => {
  it("names the file, its dbt_schema_version and the supported range for an old manifest", () => {
    const error = catchError(() => parseManifest(manifest(5), { fileName: "target/manifest.json" }));
    expect(error.name).toBe("DbtArtifactError");
    expect(error.message).toContain('"target/manifest.json"');
    expect(error.message).toContain(schema("manifest", 5));
    expect(error.message).toContain("manifest v6–v12 (dbt-core) and dbt Fusion 2.x");
    expect(error.schemaVersion).toBe(schema("manifest", 5));
    expect(error.fileName).toBe("target/manifest.json");
    expect(error.expectedKind).toBe("manifest");
  });

  it("rejects a newer manifest unless allowNewerVersions is set", () => {
    const error = catchError(() => parseManifest(manifest(13)));
    expect(error.message).toMatch(/newer than supported.*allowNewerVersions/);
    expect(parseManifest(manifest(13), { allowNewerVersions: true }).nodes).toEqual({});
  });

  it("says what a file is when it is another kind of artifact", () => {
    const runResults = { metadata: { dbt_schema_version: schema("run-results", 6) }, results: [] };
    const error = catchError(() => parseManifest(runResults, { fileName: "run_results.json" }));
    expect(error.message).toContain("is a dbt run-results v6 artifact");
    expect(error.message).toContain("not a manifest artifact");
  });

  it("rejects files that are not dbt artifacts or not JSON", () => {
    expect(catchError(() => parseManifest({ nodes: {} })).message).toContain(
      "no metadata.dbt_schema_version",
    );
    expect(catchError(() => parseManifest([])).message).toContain("got an array");
    const notJson = catchError(() => parseRunResults("{oops", { fileName: "x.json" }));
    expect(notJson.message).toContain("not valid JSON");
    expect(notJson.cause).toBeInstanceOf(SyntaxError);
    const foreign = catchError(() =>
      parseManifest({ metadata: { dbt_schema_version: "https://example.com/x" } }),
    );
    expect(foreign.message).toContain('"https://example.com/x", which is not a dbt artifact schema');
  });

  it("lists shape problems by JSON path, at most five plus a count", () => {
    const nodes: Record<string, unknown> = {};
    for (let i = 0; i < 8; i += 1) nodes[`model.p.m${i}`] = { unique_id: `model.p.m${i}`, name: `m${i}` };
    const error = catchError(() => parseManifest(manifest(12, { nodes })));
    expect(error.problems).toHaveLength(5);
    expect(error.problems[0]).toBe('nodes["model.p.m0"].resource_type must be a string');
    expect(error.message).toMatch(/and \d+ more/);
  });

  it("checks depends_on.nodes, selectors, child_map and unique_id keys", () => {
    const node = {
      unique_id: "model.p.a",
      name: "a",
      resource_type: "model",
      package_name: "p",
      fqn: ["p", "a"],
      depends_on: { nodes: "model.p.b" },
    };
    const error = catchError(() =>
      parseManifest(
        manifest(12, {
          nodes: { "model.p.a": node, "model.p.wrong": { ...node, depends_on: {} } },
          selectors: { s: { name: "s" } },
          child_map: { "model.p.a": "x" },
        }),
      ),
    );
    expect(error.problems).toEqual([
      'nodes["model.p.a"].depends_on.nodes must be an array of unique ids',
      'nodes["model.p.wrong"].unique_id must equal its key, got "model.p.a"',
      'child_map["model.p.a"] must be an array of unique ids',
      'selectors["s"].definition must be an object or a string',
    ]);
  });

  it("checks run_results entries and fills a missing timing with []", () => {
    const base = { metadata: { dbt_schema_version: schema("run-results", 4) } };
    const ok = parseRunResults({ ...base, results: [{ unique_id: "model.p.a", status: "success" }] });
    expect(ok.results[0]?.timing).toEqual([]);
    const error = catchError(() => parseRunResults({ ...base, results: [{ status: 1 }] }));
    expect(error.problems).toEqual([
      "results[0].unique_id must be a string",
      "results[0].status must be a string",
    ]);
    expect(
      catchError(() => parseRunResults({ metadata: { dbt_schema_version: schema("run-results", 3) } }))
        .message,
    ).toContain("run-results v4–v6");
  });

  it("checks catalog and sources shapes", () => {
    const catalog = { metadata: { dbt_schema_version: schema("catalog", 1) }, nodes: { a: {} }, sources: {} };
    expect(catchError(() => parseCatalog(catalog)).problems).toEqual([
      'nodes["a"].metadata must be an object',
      'nodes["a"].columns must be an object',
    ]);
    const sources = { metadata: { dbt_schema_version: schema("sources", 4) }, results: [] };
    expect(catchError(() => parseSourcesJson(sources)).message).toContain("sources v1–v3");
  });

  it("tells the kind of any artifact and refuses unknown ones", () => {
    const read = parseDbtArtifact(JSON.stringify(manifest(7)));
    expect(read.kind).toBe("manifest");
    expect(read.info).toEqual({
      kind: "manifest",
      version: 7,
      schemaVersion: schema("manifest", 7),
      dbtVersion: "1.9.0",
      fusion: false,
    });
    expect(catchError(() => parseDbtArtifact({ metadata: {} })).message).toContain(
      "supported: manifest v6–v12",
    );
    expect(catchError(() => parseDbtArtifact("<html>", { fileName: "x" })).message).toMatch(
      /^"x" is not valid JSON \(.*\), so it cannot be a dbt artifact\. Pass a manifest\.json, run_results\.json/,
    );
    expect(() => getDbtArtifactInfo({ metadata: { dbt_schema_version: "nope" } })).toThrow(DbtArtifactError);
  });
});
