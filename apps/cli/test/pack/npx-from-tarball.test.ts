import { execFile } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import type { Emulator } from "@dbt-cloud-kit/emulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { emulator } from "../support/cli-process.js";
import { projectsSchema } from "../support/json-schemas.js";

const exec = promisify(execFile);
const root = fileURLToPath(new URL("../../../../", import.meta.url));

interface Manifest {
  name: string;
  version: string;
  dependencies?: Record<string, string>;
}

function manifestOf(dir: string): Manifest {
  return JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as Manifest;
}

/** Directory of every workspace package, by name. */
function workspacePackages(): Map<string, string> {
  const byName = new Map<string, string>();
  for (const group of ["packages", "apps"]) {
    for (const entry of readdirSync(join(root, group))) {
      const dir = join(root, group, entry);
      try {
        byName.set(manifestOf(dir).name, dir);
      } catch {
        // not a package
      }
    }
  }
  return byName;
}

/** The CLI and every workspace package it depends on at run time, transitively. */
function runtimeClosure(start: string, all: Map<string, string>): string[] {
  const seen = new Set<string>();
  const visit = (name: string) => {
    if (seen.has(name)) return;
    seen.add(name);
    const dir = all.get(name);
    if (!dir) throw new Error(`${name} is not a workspace package`);
    for (const [dep, range] of Object.entries(manifestOf(dir).dependencies ?? {})) {
      if (range.startsWith("workspace:")) visit(dep);
    }
  };
  visit(start);
  return [...seen];
}

let emu: Emulator;
beforeAll(async () => {
  emu = await emulator();
});
afterAll(() => emu.close());

// Packs and installs with npm from the registry's cache: a minute or two on a cold machine.
describe("the packed tarball", { timeout: 300_000 }, () => {
  it("works with `npx dbt-cloud-kit` in a project outside the workspace", async () => {
    const all = workspacePackages();
    const names = runtimeClosure("@dbt-cloud-kit/cli", all);
    expect(names).toEqual(
      expect.arrayContaining(["@dbt-cloud-kit/cli", "@dbt-cloud-kit/client", "@dbt-cloud-kit/credentials"]),
    );
    // The private app-kit is bundled into the CLI, never a run-time dependency.
    expect(names).not.toContain("@dbt-cloud-kit/app-kit");
    const packDir = mkdtempSync(join(tmpdir(), "dbt-cli-pack-"));
    const tarballs: Record<string, string> = {};
    for (const name of names) {
      const { stdout } = await exec("pnpm", ["pack", "--pack-destination", packDir], {
        cwd: all.get(name) as string,
      });
      const file = stdout.trim().split("\n").at(-1) as string;
      tarballs[name] = `file:${file.startsWith("/") ? file : join(packDir, file)}`;
    }
    const project = mkdtempSync(join(tmpdir(), "dbt-cli-project-"));
    writeFileSync(
      join(project, "package.json"),
      JSON.stringify({ name: "uses-cli", private: true, dependencies: tarballs }),
    );
    const npmEnv = {
      ...process.env,
      npm_config_update_notifier: "false",
      npm_config_fund: "false",
      npm_config_audit: "false",
    };
    await exec("npm", ["install", "--prefer-offline", "--no-package-lock"], { cwd: project, env: npmEnv });

    const help = await exec("npx", ["--no-install", "dbt-cloud-kit", "--help"], {
      cwd: project,
      env: npmEnv,
    });
    expect(help.stdout).toContain("Usage: dbt-cloud-kit [options] [command]");
    expect(help.stdout).toContain("Exit codes:");
    const version = await exec("npx", ["--no-install", "dbt-cloud-kit", "--version"], {
      cwd: project,
      env: npmEnv,
    });
    expect(version.stdout.trim()).toBe(manifestOf(all.get("@dbt-cloud-kit/cli") as string).version);
    // A command that loads the client from the installed tarballs, against the emulator.
    const projects = await exec("npx", ["--no-install", "dbt-cloud-kit", "projects", "--json"], {
      cwd: project,
      env: {
        ...npmEnv,
        DBT_CLOUD_ACCESS_URL: emu.url,
        DBT_CLOUD_ACCOUNT_ID: String(emu.accountId),
        DBT_CLOUD_API_TOKEN: emu.token,
      },
    });
    expect(projectsSchema.parse(JSON.parse(projects.stdout)).map((p) => p.id)).toEqual([11]);
  });
});
