#!/usr/bin/env node
// `pnpm check:packages`: the packaging rules of RELEASING.md, enforced for every non-private package under
// packages/* and apps/*, on the tarball that `pnpm publish` would upload (packed here with `pnpm pack`):
//   1. manifest rules (ESM-only, engines, exports shape, publishConfig.exports, repository, files, bin);
//   2. the packed manifest: no source condition, no `workspace:` ranges, README + LICENSE + every export
//      and bin target inside;
//   3. publint (all levels, strict) on the tarball;
//   4. attw (@arethetypeswrong/cli, profile esm-only) on the tarball.
// Prints every finding and a size table; exits 1 when anything fails. Needs built dist/ (`pnpm build`).
// Works offline: pnpm pack, publint and attw read local files only (--no-definitely-typed).
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { isDeepStrictEqual } from "node:util";
import { publint } from "publint";
import { formatMessage } from "publint/utils";
import {
  binTargets,
  exportTargets,
  extractTarball,
  findPublishedPackages,
  packPackage,
  repoRoot,
  SOURCE_CONDITION,
} from "./lib/published-packages.mjs";

const REPOSITORY_URL = "git+https://github.com/dbt-cloud-kit/dbt-cloud-kit.git";
const ENGINES_NODE = ">=20.19";
const CONDITION_ORDER = [SOURCE_CONDITION, "types", "import", "default"];

/** The rules every published manifest follows; returns one line per broken rule. */
export function manifestProblems(pkg, { rootLicense, trackedFiles }) {
  const m = pkg.manifest;
  const problems = [];
  const problem = (text) => problems.push(text);
  if (m.type !== "module") problem(`"type" must be "module" (ESM-only packages).`);
  if (m.engines?.node !== ENGINES_NODE) problem(`"engines.node" must be "${ENGINES_NODE}".`);
  if (m.license !== "Apache-2.0") problem(`"license" must be "Apache-2.0".`);
  if (m.repository?.type !== "git" || m.repository?.url !== REPOSITORY_URL)
    problem(
      `"repository" must be { "type": "git", "url": "${REPOSITORY_URL}", "directory": "${pkg.relDir}" }.`,
    );
  if (m.repository?.directory !== pkg.relDir) problem(`"repository.directory" must be "${pkg.relDir}".`);
  if (m.publishConfig?.access !== "public")
    problem(`"publishConfig.access" must be "public" (scoped package).`);
  if (!Array.isArray(m.files) || !m.files.includes("dist"))
    problem(`"files" must list "dist" (README.md and LICENSE are always packed).`);
  if (Array.isArray(m.files) && m.files.some((f) => f === "src" || f.startsWith("src/")))
    problem(`"files" must not publish src/: the exports point at dist/.`);
  if (m.main !== undefined || m.module !== undefined || m.types !== undefined)
    problem(`use "exports" only: drop "main", "module" and "types" (ESM-only, Node >= 20.19).`);

  const licensePath = join(pkg.dir, "LICENSE");
  if (!existsSync(licensePath)) problem(`LICENSE is missing: cp LICENSE ${pkg.relDir}/LICENSE`);
  else if (readFileSync(licensePath, "utf8") !== rootLicense)
    problem(`LICENSE differs from the root LICENSE: cp LICENSE ${pkg.relDir}/LICENSE`);
  if (!existsSync(join(pkg.dir, "README.md"))) problem("README.md is missing.");

  if (m.exports === undefined) {
    if (binTargets(m).length === 0) problem(`"exports" is missing (and there is no "bin").`);
  } else {
    if (typeof m.exports !== "object" || m.exports === null || Array.isArray(m.exports))
      problem(`"exports" must be an object of subpaths.`);
    else {
      if (m.exports["./package.json"] !== "./package.json")
        problem(`"exports" must map "./package.json" to "./package.json".`);
      for (const [subpath, target] of Object.entries(m.exports)) {
        if (subpath === "./package.json") continue;
        const keys = target && typeof target === "object" ? Object.keys(target) : [];
        if (!isDeepStrictEqual(keys, CONDITION_ORDER))
          problem(
            `"exports["${subpath}"]" must have exactly the conditions ${CONDITION_ORDER.join(", ")} in that order (found: ${keys.join(", ") || typeof target}).`,
          );
        else {
          if (!String(target[SOURCE_CONDITION]).startsWith("./src/"))
            problem(`"exports["${subpath}"]["${SOURCE_CONDITION}"]" must point into ./src/.`);
          if (!String(target.types).startsWith("./dist/") || !String(target.types).endsWith(".d.ts"))
            problem(`"exports["${subpath}"].types" must be a .d.ts file in ./dist/.`);
          if (!String(target.import).startsWith("./dist/") || target.default !== target.import)
            problem(
              `"exports["${subpath}"]": "import" must point into ./dist/ and "default" at the same file, so require() loads it through require(esm).`,
            );
        }
      }
      const expected = withoutSourceCondition(m.exports);
      if (!isDeepStrictEqual(m.publishConfig?.exports, expected))
        problem(
          `"publishConfig.exports" must equal "exports" without the "${SOURCE_CONDITION}" condition: ${JSON.stringify(expected)}`,
        );
    }
  }
  for (const [name, target] of binTargets(m)) {
    const rel = join(pkg.relDir, target);
    if (!trackedFiles.has(rel))
      problem(
        `bin "${name}" points at ${target}, which is not a committed file: package managers link bins at install time, before any build. Commit a small shim (see packages/emulator/bin/).`,
      );
    else if (!readFileSync(join(repoRoot, rel), "utf8").startsWith("#!/usr/bin/env node"))
      problem(`bin "${name}" (${target}) must start with "#!/usr/bin/env node".`);
  }
  return problems;
}

export function withoutSourceCondition(value) {
  if (typeof value !== "object" || value === null) return value;
  const out = {};
  for (const [key, v] of Object.entries(value))
    if (key !== SOURCE_CONDITION) out[key] = withoutSourceCondition(v);
  return out;
}

/** Rules for what is inside the tarball; `packedDir` is the extracted `package/` folder. */
export function packedProblems(packedDir) {
  const problems = [];
  const text = readFileSync(join(packedDir, "package.json"), "utf8");
  const m = JSON.parse(text);
  if (text.includes(SOURCE_CONDITION))
    problems.push(
      `the packed package.json still mentions "${SOURCE_CONDITION}" (publishConfig.exports not applied?).`,
    );
  if (text.includes('"workspace:'))
    problems.push(
      "the packed package.json still has workspace: ranges: publish with pnpm (changeset publish).",
    );
  for (const file of ["README.md", "LICENSE"])
    if (!existsSync(join(packedDir, file))) problems.push(`${file} is not in the tarball.`);
  for (const target of [...exportTargets(m.exports), ...binTargets(m).map(([, t]) => t)])
    if (!existsSync(join(packedDir, target)))
      problems.push(`${target} is referenced but not in the tarball (built?).`);
  return problems;
}

function trackedFileSet() {
  const result = spawnSync("git", ["ls-files", "-z"], { cwd: repoRoot, encoding: "utf8" });
  return new Set(result.status === 0 ? result.stdout.split("\0").filter(Boolean) : []);
}

function kib(bytes) {
  return `${(bytes / 1024).toFixed(1)} KiB`;
}

function unpackedSize(dir) {
  const r = spawnSync("du", ["-sb", dir], { encoding: "utf8" });
  return Number(r.stdout.split("\t")[0]);
}

async function main() {
  const attwBin = join(repoRoot, "node_modules", ".bin", "attw");
  const rootLicense = readFileSync(join(repoRoot, "LICENSE"), "utf8");
  const trackedFiles = trackedFileSet();
  const packages = findPublishedPackages();
  const work = mkdtempSync(join(tmpdir(), "dbt-cloud-kit-check-packages-"));
  let failed = 0;
  const sizes = [];
  try {
    for (const pkg of packages) {
      console.log(`\n■ ${pkg.name} (${pkg.relDir})`);
      const problems = manifestProblems(pkg, { rootLicense, trackedFiles });
      let tarball;
      try {
        tarball = await packPackage(pkg, join(work, "tarballs"));
      } catch (error) {
        problems.push(`pnpm pack failed: ${String(error.stderr ?? error.message).trim()}`);
      }
      if (tarball) {
        const packedDir = extractTarball(tarball, join(work, "extracted", pkg.relDir));
        problems.push(...packedProblems(packedDir));
        sizes.push([pkg.name, statSync(tarball).size, unpackedSize(packedDir)]);

        const { messages, pkg: packedManifest } = await publint({
          // The extracted tarball holds exactly the published files, so publint needs no packing of its own.
          pkgDir: packedDir,
          pack: false,
          level: "suggestion",
          strict: true,
        });
        console.log(
          `  publint: ${messages.length === 0 ? "no issues" : `${messages.length} issue(s)`} (all levels, strict)`,
        );
        for (const msg of messages) {
          const line = `publint ${msg.type}: ${formatMessage(msg, packedManifest, { color: false }) ?? msg.code}`;
          console.log(`    ${line}`);
          problems.push(line);
        }

        const attw = spawnSync(
          attwBin,
          [
            tarball,
            "--profile",
            "esm-only",
            "--no-definitely-typed",
            "--format",
            "table",
            "--no-color",
            "--no-emoji",
          ],
          { encoding: "utf8", env: { ...process.env, FORCE_COLOR: "0" } },
        );
        const attwText = `${attw.stdout}${attw.stderr}`.trim();
        console.log(`  attw --profile esm-only: ${attw.status === 0 ? "passed" : "FAILED"}`);
        console.log(attwText.replace(/^/gm, "    "));
        if (attw.status !== 0) problems.push("attw reported problems (above).");
      }
      for (const p of problems.filter((p) => !p.startsWith("publint "))) console.log(`  ✗ ${p}`);
      if (problems.length === 0) console.log("  ✓ packaging rules, publint and attw");
      failed += problems.length > 0 ? 1 : 0;
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  if (sizes.length > 0) {
    console.log("\npackage                        packed      unpacked");
    for (const [name, packed, unpacked] of sizes)
      console.log(`${name.padEnd(30)} ${kib(packed).padStart(10)}  ${kib(unpacked).padStart(10)}`);
  }
  console.log(
    `\ncheck-packages: ${packages.length - failed} of ${packages.length} published package(s) pass${failed ? `, ${failed} fail` : ""}.`,
  );
  process.exitCode = failed === 0 && packages.length > 0 ? 0 : 1;
}

if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) await main();
