import { spawnSync } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, it } from "vitest";
import { READMES, repoRoot, typecheckedExamples } from "./readme-blocks.js";

const PACKAGES = ["credentials", "client", "assets", "sensor", "emulator"];

it("README examples type-check under the repository's strict settings", async () => {
  const examples = READMES.flatMap((readme) => typecheckedExamples(readme));
  expect(examples.length).toBeGreaterThan(0);
  const dir = await mkdtemp(join(tmpdir(), "readme-typecheck-"));
  try {
    await writeFile(join(dir, "package.json"), JSON.stringify({ type: "module" }));
    for (const e of examples) await writeFile(join(dir, `${e.name}.ts`), `${e.code}\nexport {};\n`);
    const paths = Object.fromEntries(
      PACKAGES.map((p) => [`@dbt-cloud-kit/${p}`, [join(repoRoot, "packages", p, "src", "index.ts")]]),
    );
    await writeFile(
      join(dir, "tsconfig.json"),
      JSON.stringify({
        extends: join(repoRoot, "tsconfig.base.json"),
        compilerOptions: { paths, typeRoots: [join(repoRoot, "node_modules", "@types")], skipLibCheck: true },
        include: ["*.ts"],
      }),
    );
    const tsc = join(repoRoot, "node_modules", "typescript", "bin", "tsc");
    const result = spawnSync(process.execPath, [tsc, "-p", join(dir, "tsconfig.json")], { encoding: "utf8" });
    expect(result.stdout + result.stderr).toBe("");
    expect(result.status).toBe(0);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}, 180_000);
