import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type DbtIndirectSelection, selectUniqueIds } from "../../src/index.js";
import { type BruteCriterion, bruteForceSelect, criterionText } from "./brute-force.js";
import { PACKAGES, type RandomProject, randomProject, TAGS } from "./random-manifest.js";

const criterion = (project: RandomProject): fc.Arbitrary<BruteCriterion> =>
  fc
    .record({
      prefix: fc.constantFrom<BruteCriterion["prefix"]>("", "", "+", "1+", "2+", "@"),
      pick: fc.oneof(
        fc.record({ method: fc.constant("tag" as const), value: fc.constantFrom(...TAGS) }),
        fc.record({
          method: fc.constant("resource_type" as const),
          value: fc.constantFrom("model", "seed", "source", "test", "exposure"),
        }),
        fc.record({ method: fc.constant("package" as const), value: fc.constantFrom(...PACKAGES) }),
        fc.record({ method: fc.constant("name" as const), value: fc.constantFrom(...project.names) }),
        fc.record({
          method: fc.constant("fqn" as const),
          value: fc.constantFrom("*", "p1", "p2.staging", "marts", ...project.names.slice(0, 3)),
        }),
      ),
      suffix: fc.constantFrom<BruteCriterion["suffix"]>("", "", "+", "+1"),
    })
    .map(({ prefix, pick, suffix }) => ({
      prefix,
      method: pick.method,
      value: pick.value,
      suffix: prefix === "@" ? "" : suffix,
    }));

const unionOf = (project: RandomProject, maxLength: number) =>
  fc.array(fc.array(criterion(project), { minLength: 1, maxLength: 2 }), { maxLength });

const text = (groups: BruteCriterion[][]): string =>
  groups.map((g) => g.map(criterionText).join(",")).join(" ");

const scenario = randomProject.chain((project) =>
  fc.record({
    project: fc.constant(project),
    select: unionOf(project, 3).filter((groups) => groups.length > 0),
    exclude: unionOf(project, 2),
    mode: fc.constantFrom<DbtIndirectSelection>("eager", "cautious", "buildable", "empty"),
  }),
);

describe("selectUniqueIds against a brute-force graph walk", () => {
  it("selects exactly what the brute-force reference selects", () => {
    fc.assert(
      fc.property(scenario, ({ project, select, exclude, mode }) => {
        const actual = selectUniqueIds(project.manifest, {
          select: text(select),
          exclude: text(exclude),
          indirectSelection: mode,
        });
        const expected = bruteForceSelect(project.manifest, select, exclude, mode);
        expect([...actual].sort()).toEqual([...expected].sort());
      }),
      { numRuns: 400 },
    );
  });

  it("never selects disabled resources, and is stable across repeated calls on the cached graph", () => {
    fc.assert(
      fc.property(scenario, ({ project, select, mode }) => {
        const options = { select: text(select), indirectSelection: mode };
        const first = selectUniqueIds(project.manifest, options);
        const all = { ...project.manifest.nodes, ...project.manifest.sources, ...project.manifest.exposures };
        for (const id of first) expect(all[id]?.config?.enabled).not.toBe(false);
        expect(selectUniqueIds(project.manifest, options)).toEqual(first);
      }),
      { numRuns: 150 },
    );
  });

  it("x+ contains x, and excluding a selection from itself leaves nothing", () => {
    fc.assert(
      fc.property(scenario, ({ project, select }) => {
        const plain = select.map((g) => g.map((c) => ({ ...c, prefix: "" as const, suffix: "" as const })));
        const base = selectUniqueIds(project.manifest, { select: text(plain), indirectSelection: "empty" });
        const withChildren = selectUniqueIds(project.manifest, {
          select: text(plain.map((g) => g.map((c) => ({ ...c, suffix: "+" as const })))),
          indirectSelection: "empty",
        });
        for (const id of base) expect(withChildren.has(id)).toBe(true);
        expect(selectUniqueIds(project.manifest, { select: text(select), exclude: text(select) }).size).toBe(
          0,
        );
      }),
      { numRuns: 150 },
    );
  });
});
