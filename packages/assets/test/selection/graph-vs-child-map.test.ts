import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseDbtArtifact } from "../../src/index.js";
import { getSelectionGraph } from "../../src/selection/selection-graph.js";
import { artifactPath, listArtifactFiles } from "../artifacts/fixture-paths.js";

const manifests = listArtifactFiles().filter((file) => /manifest[^/]*\.json$/.test(file));

describe("the selection graph built from depends_on agrees with dbt's own child_map", () => {
  it.each(manifests)("%s", (file) => {
    const read = parseDbtArtifact(readFileSync(artifactPath(file), "utf8"));
    if (read.kind !== "manifest") throw new Error(`${file} is not a manifest`);
    const manifest = read.artifact;
    const graph = getSelectionGraph(manifest);
    const childMap = manifest.child_map ?? {};
    let compared = 0;
    graph.ids.forEach((id, index) => {
      const ours = new Set<string>();
      for (
        let e = graph.childOffsets[index] as number;
        e < (graph.childOffsets[index + 1] as number);
        e += 1
      ) {
        ours.add(graph.ids[graph.children[e] as number] as string);
      }
      const theirs = new Set((childMap[id] ?? []).filter((child) => graph.indexOf.has(child)));
      expect([...ours].sort(), id).toEqual([...theirs].sort());
      compared += 1;
    });
    expect(compared).toBe(graph.size);
    expect(getSelectionGraph(manifest)).toBe(graph);
  });
});
