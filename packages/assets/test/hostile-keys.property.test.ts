import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  buildDbtSpecs,
  childMapOf,
  createTranslatorContext,
  DbtCloudTranslator,
  type DbtManifest,
  type DbtRunResults,
  DbtSelectionError,
  dbtCommandFromArgv,
  eventsFromRunResults,
  parseDbtArtifact,
  parseDbtCommand,
  parseManifest,
  parseRunResults,
  rebuildChildMap,
  selectionFromDbtCommand,
  selectUniqueIds,
  splitShellWords,
  summarizeRunResults,
} from "../src/index.js";

/** Names that are properties of every plain object (or its setter): as keys of `{}` they misbehave. */
const HOSTILE = [
  "__proto__",
  "constructor",
  "toString",
  "hasOwnProperty",
  "valueOf",
  "prototype",
  "isPrototypeOf",
  "propertyIsEnumerable",
  "toLocaleString",
  "__defineGetter__",
  "__lookupSetter__",
] as const;
const word = fc.oneof(fc.constantFrom(...HOSTILE), fc.constantFrom("orders", "stg", "x", "polluted"));

/** JSON text of an object written from entries, so `__proto__` stays an own key when parsed. */
function objectText(entries: ReadonlyArray<readonly [string, string]>): string {
  return `{${entries.map(([key, valueText]) => `${JSON.stringify(key)}:${valueText}`).join(",")}}`;
}

interface NodeSpec {
  type: "model" | "seed" | "snapshot" | "test";
  pkg: string;
  name: string;
  tags: string[];
  parents: number[];
  status: string;
}

interface Project {
  nodes: NodeSpec[];
  ids: string[];
  /** Ids in run_results that the manifest does not have, some bare hostile words. */
  strangers: string[];
  groups: string[];
  manifestText: string;
  runResultsText: string;
}

const STATUSES = ["success", "error", "skipped", "pass", "fail", "warn", ...HOSTILE];

const project: fc.Arbitrary<Project> = fc
  .record({
    nodes: fc.array(
      fc.record({
        type: fc.constantFrom<NodeSpec["type"]>("model", "model", "seed", "snapshot", "test"),
        pkg: word,
        name: word,
        tags: fc.uniqueArray(word, { maxLength: 3 }),
        parents: fc.uniqueArray(fc.nat(20), { maxLength: 3 }),
        status: fc.constantFrom(...STATUSES),
      }),
      { minLength: 1, maxLength: 14 },
    ),
    strangers: fc.uniqueArray(
      fc.oneof(
        word,
        word.map((w) => `${w}.${w}.${w}`),
      ),
      { maxLength: 3 },
    ),
    groups: fc.uniqueArray(word, { maxLength: 3 }),
  })
  .map(({ nodes: generated, strangers, groups }) => {
    const nodes: NodeSpec[] = generated.map((node) => ({ ...node, tags: [...node.tags] }));
    // Unique ids, asset keys and check names must be unique: a repeated package and name (or test name)
    // gets a numbered name.
    const seen = new Set<string>();
    const ids = nodes.map((node, i) => {
      const key = (n: NodeSpec) => (n.type === "test" ? `test:${n.name}` : `${n.pkg}.${n.name}`);
      if (seen.has(key(node))) node.name = `${node.name}_${i}`;
      seen.add(key(node));
      return `${node.type}.${node.pkg}.${node.name}`;
    });
    // Parents only point backwards (dbt never writes a cycle; cycles have their own tests).
    nodes.forEach((node, i) => {
      node.parents = node.parents.filter((p) => p < i);
      if (node.type === "test" && node.parents.length === 0 && i > 0) node.parents = [0];
    });
    const entries = nodes.map((node, i): [string, string] => {
      const id = ids[i] as string;
      const member = {
        unique_id: id,
        name: node.name,
        resource_type: node.type,
        package_name: node.pkg,
        fqn: [node.pkg, node.name],
        path: `${node.name}.sql`,
        original_file_path: `models/${node.pkg}/${node.name}.sql`,
        tags: node.tags,
        // a schema per package keeps asset keys unique: [package, name]
        config: { schema: node.pkg, group: groups[0] ?? null, materialized: "table", tags: node.tags },
        depends_on: { nodes: node.parents.map((p) => ids[p] as string) },
        ...(node.type === "test"
          ? { attached_node: ids[node.parents[0] ?? 0], test_metadata: { name: node.name, kwargs: {} } }
          : {}),
      };
      return [id, JSON.stringify(member)];
    });
    const groupEntries = groups.map((g): [string, string] => [
      `group.p.${g}`,
      JSON.stringify({ name: g, unique_id: `group.p.${g}`, owner: { email: `${g}@example.com` } }),
    ]);
    const selectorEntries = groups.map((g): [string, string] => [
      g,
      JSON.stringify({ name: g, definition: { method: "tag", value: g } }),
    ]);
    const manifestText = objectText([
      [
        "metadata",
        JSON.stringify({
          dbt_schema_version: "https://schemas.getdbt.com/dbt/manifest/v12.json",
          project_name: nodes[0]?.pkg,
        }),
      ],
      ["nodes", objectText(entries)],
      ["sources", "{}"],
      ["groups", objectText(groupEntries)],
      ["selectors", objectText(selectorEntries)],
    ]);
    const results = [...ids, ...strangers].map((id, i) => ({
      unique_id: id,
      status: nodes[i]?.status ?? "success",
      execution_time: i + 1,
      thread_id: HOSTILE[i % HOSTILE.length],
      timing: [
        {
          name: "execute",
          started_at: `2024-01-01T00:00:${String(i).padStart(2, "0")}Z`,
          completed_at: `2024-01-01T00:01:${String(i).padStart(2, "0")}Z`,
        },
      ],
      adapter_response: JSON.parse(
        objectText([
          ["__proto__", '{"polluted":1}'],
          ["rows_affected", "1"],
        ]),
      ),
    }));
    const runResultsText = JSON.stringify({
      metadata: {
        dbt_schema_version: "https://schemas.getdbt.com/dbt/run-results/v6.json",
        env: JSON.parse(
          objectText([
            ["__proto__", '{"polluted":1}'],
            ["DBT_CLOUD_RUN_ID", '"7"'],
          ]),
        ),
      },
      results,
    });
    return {
      nodes,
      ids,
      strangers: strangers.filter((s) => !ids.includes(s)),
      groups,
      manifestText,
      runResultsText,
    };
  });

let prototypeNames: string[];
let arrayPrototypeNames: string[];
beforeAll(() => {
  prototypeNames = Object.getOwnPropertyNames(Object.prototype).sort();
  arrayPrototypeNames = Object.getOwnPropertyNames(Array.prototype).sort();
});

function expectNoPollution(): void {
  expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
  expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeNames);
  expect(Object.getOwnPropertyNames(Array.prototype).sort()).toEqual(arrayPrototypeNames);
  expect(Object.getPrototypeOf({})).toBe(Object.prototype);
  expect({}.toString()).toBe("[object Object]");
  expect(Object.hasOwn({ a: 1 }, "a")).toBe(true);
}
afterAll(expectNoPollution);

const sorted = (values: Iterable<string>) => [...values].sort();

describe("unique ids, package names, resource types, tags and names from artifacts are never plain-object keys", () => {
  it("every public function gives the right answer and leaves Object.prototype alone", () => {
    fc.assert(
      fc.property(project, (p) => {
        const manifest: DbtManifest = parseManifest(p.manifestText, { fileName: "manifest.json" });
        const runResults: DbtRunResults = parseRunResults(p.runResultsText);
        expect(parseDbtArtifact(p.manifestText).kind).toBe("manifest");
        expect(sorted(Object.keys(manifest.nodes))).toEqual(sorted(p.ids));

        // selection: fqn:*, tag:, package:, a YAML selector named like a prototype property
        expect(sorted(selectUniqueIds(manifest))).toEqual(sorted(p.ids));
        for (const w of HOSTILE) {
          const tagged = p.ids.filter((_, i) => p.nodes[i]?.tags.includes(w));
          expect(
            sorted(selectUniqueIds(manifest, { select: `tag:${w}`, indirectSelection: "empty" })),
          ).toEqual(sorted(tagged));
          const inPackage = p.ids.filter((_, i) => p.nodes[i]?.pkg === w);
          expect(
            sorted(selectUniqueIds(manifest, { select: `package:${w}`, indirectSelection: "empty" })),
          ).toEqual(sorted(inPackage));
          expect(selectUniqueIds(manifest, { select: `config.${w}.name:Object` }).size).toBe(0);
          if (p.groups.includes(w)) {
            expect(sorted(selectUniqueIds(manifest, { selector: w, indirectSelection: "empty" }))).toEqual(
              sorted(tagged),
            );
          } else {
            expect(() => selectUniqueIds(manifest, { selector: w })).toThrow(DbtSelectionError);
          }
        }

        // specs: every model, seed and snapshot; tags as a record without prototype
        const specs = buildDbtSpecs(manifest);
        const assets = p.ids.filter((_, i) => p.nodes[i]?.type !== "test");
        expect(sorted(specs.assetSpecs.map((s) => s.uniqueId))).toEqual(sorted(assets));
        for (const spec of specs.assetSpecs) {
          const node = p.nodes[p.ids.indexOf(spec.uniqueId)] as NodeSpec;
          expect(sorted(Object.keys(spec.tags))).toEqual(sorted(node.tags));
          for (const tag of node.tags) expect(spec.tags[tag]).toBe("");
          expect(spec.key).toEqual([node.pkg, node.name]);
          expect(spec.owners).toEqual(p.groups[0] ? [`${p.groups[0]}@example.com`] : []);
          expect(spec.depUniqueIds).toEqual(
            node.parents.map((i) => p.ids[i]).filter((id) => !id?.startsWith("test.")),
          );
        }
        const tests = p.ids.filter((_, i) => p.nodes[i]?.type === "test" && p.nodes[i]?.parents.length);
        const testsOnAssets = tests.filter((id) => {
          const node = p.nodes[p.ids.indexOf(id)] as NodeSpec;
          return p.nodes[node.parents[0] as number]?.type !== "test";
        });
        expect(sorted(specs.checkSpecs.map((c) => c.uniqueId))).toEqual(sorted(testsOnAssets));

        // child maps: own keys only, no prototype
        const rebuilt = rebuildChildMap(manifest);
        expect(Object.getPrototypeOf(rebuilt)).toBeNull();
        p.ids.forEach((id, i) => {
          const children = p.ids.filter((_, c) => p.nodes[c]?.parents.includes(i));
          expect(sorted(rebuilt[id] ?? [])).toEqual(sorted(children));
        });
        for (const w of HOSTILE) if (!p.ids.includes(w)) expect(rebuilt[w]).toBeUndefined();
        expect(childMapOf(manifest)).toBeDefined();

        // events: one per asset and check result, none for unknown ids (a warning names them)
        const warnings: string[] = [];
        const logger = { debug() {}, info() {}, warn: (m: string) => warnings.push(m), error() {} };
        for (const options of [{}, { specs }, { translator: new DbtCloudTranslator() }]) {
          const events = eventsFromRunResults(runResults, manifest, { ...options, logger });
          for (const event of events) expect(p.ids).toContain(event.uniqueId);
          const materialized = events.filter((e) => e.type === "materialization").map((e) => e.uniqueId);
          const expected = assets.filter((id) => p.nodes[p.ids.indexOf(id)]?.status === "success");
          expect(sorted(materialized)).toEqual(sorted(expected));
        }
        if (p.strangers.length > 0)
          expect(warnings.some((w) => w.includes("not in the manifest"))).toBe(true);

        // summary: counts keyed by hostile statuses and resource types, critical path within the run
        const summary = summarizeRunResults(runResults, manifest);
        const statuses = runResults.results.map((r) => r.status.toLowerCase());
        const expectedByStatus = new Map<string, number>();
        for (const s of statuses) expectedByStatus.set(s, (expectedByStatus.get(s) ?? 0) + 1);
        expect(sorted(Object.keys(summary.byStatus))).toEqual(sorted(expectedByStatus.keys()));
        for (const [s, n] of expectedByStatus) expect(summary.byStatus[s]).toBe(n);
        const total = Object.values(summary.byResourceType).flatMap((perType) => Object.values(perType));
        expect(total.reduce((a, b) => a + b, 0)).toBe(runResults.results.length);
        for (const stranger of p.strangers) {
          const type = stranger.includes(".") ? stranger.slice(0, stranger.indexOf(".")) : "unknown";
          expect(Object.hasOwn(summary.byResourceType, type)).toBe(true);
        }
        const inRun = new Set(runResults.results.map((r) => r.unique_id));
        for (const node of summary.criticalPath.nodes) expect(inRun.has(node.uniqueId)).toBe(true);
        expect(summary.warnings).toEqual([]);
        const noManifest = summarizeRunResults(runResults);
        expect(noManifest.total).toBe(runResults.results.length);

        // translator hooks see the same ids and can look up groups by any name
        const translator = new DbtCloudTranslator({
          getTags: (props, context, base) => {
            const group = context.group(String(props.package_name));
            return { ...base.getTags(props, context), ...(group ? { group: String(group.name) } : {}) };
          },
        });
        const hooked = buildDbtSpecs(manifest, { translator });
        expect(hooked.assetSpecs).toHaveLength(specs.assetSpecs.length);
        const context = createTranslatorContext(manifest);
        for (const w of HOSTILE) expect(context.group(w)?.name).toBe(p.groups.includes(w) ? w : undefined);

        expectNoPollution();
      }),
      { numRuns: 150 },
    );
  });

  it("dbt command lines with option names like prototype properties", () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.constantFrom(...HOSTILE), { minLength: 1 }), (names) => {
        const line = `dbt build ${names.map((n) => `--${n}=v_${n}`).join(" ")} --${names[0]}-flag --select tag:${names[0]}`;
        const parsed = parseDbtCommand(line);
        for (const n of names) expect(Object.hasOwn(parsed.options, n) && parsed.options[n]).toBe(`v_${n}`);
        expect(parsed.options[`${names[0]}-flag`]).toBe(true);
        expect(Object.getPrototypeOf(parsed.options)).toBeNull();
        expect(parsed.select).toEqual([`tag:${names[0]}`]);
        expect(selectionFromDbtCommand(parsed).resourceTypes).toContain("model");
        expect(splitShellWords(line)).toContain(`--${names[0]}-flag`);
        expect(dbtCommandFromArgv(parsed.argv)).toContain(`--${names[0]}-flag`);
        expect(selectionFromDbtCommand(parseDbtCommand(`dbt ${names[0]}`)).resourceTypes).toBeUndefined();
        expectNoPollution();
      }),
    );
  });

  it("a bare unique id named like a prototype property is found, not inherited", () => {
    for (const id of HOSTILE) {
      const text = objectText([
        [
          "metadata",
          JSON.stringify({ dbt_schema_version: "https://schemas.getdbt.com/dbt/manifest/v12.json" }),
        ],
        [
          "nodes",
          objectText([
            [
              id,
              JSON.stringify({
                unique_id: id,
                name: id,
                resource_type: "model",
                package_name: "p",
                fqn: ["p", id],
              }),
            ],
          ]),
        ],
        ["sources", "{}"],
      ]);
      const manifest = parseManifest(text);
      expect([...selectUniqueIds(manifest)]).toEqual([id]);
      expect(buildDbtSpecs(manifest).assetSpecs.map((s) => s.uniqueId)).toEqual([id]);
      const runResults = parseRunResults(
        JSON.stringify({
          metadata: { dbt_schema_version: "https://schemas.getdbt.com/dbt/run-results/v6.json" },
          results: [
            { unique_id: id, status: "success", timing: [] },
            { unique_id: HOSTILE.find((other) => other !== id), status: id, timing: [] },
          ],
        }),
      );
      expect(eventsFromRunResults(runResults, manifest).map((e) => e.uniqueId)).toEqual([id]);
      const summary = summarizeRunResults(runResults, manifest);
      expect(summary.byStatus[id.toLowerCase()]).toBe(1);
      expect(summary.byStatus.success).toBe(1);
      expectNoPollution();
    }
  });
});
