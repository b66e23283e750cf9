// The packages this repository publishes: every package.json under packages/* and apps/* that is not
// private. New packages are covered by every packaging check as soon as they exist.
import { execFile, execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

const execFileAsync = promisify(execFile);

export const repoRoot = fileURLToPath(new URL("../..", import.meta.url));
export const SOURCE_CONDITION = "@dbt-cloud-kit/source";
export const WORKSPACE_GLOBS = ["packages", "apps"];

/** @returns {{ name: string, dir: string, relDir: string, manifest: Record<string, any> }[]} */
export function findWorkspacePackages(root = repoRoot) {
  const found = [];
  for (const parent of WORKSPACE_GLOBS) {
    const parentDir = join(root, parent);
    if (!existsSync(parentDir)) continue;
    for (const entry of readdirSync(parentDir, { withFileTypes: true })) {
      const manifestPath = join(parentDir, entry.name, "package.json");
      if (!entry.isDirectory() || !existsSync(manifestPath)) continue;
      const manifest = JSON.parse(readFileSync(manifestPath, "utf8"));
      const dir = join(parentDir, entry.name);
      found.push({ name: manifest.name, dir, relDir: relative(root, dir), manifest });
    }
  }
  return found.sort((a, b) => a.relDir.localeCompare(b.relDir));
}

export function findPublishedPackages(root = repoRoot) {
  return findWorkspacePackages(root).filter((p) => p.manifest.private !== true);
}

/**
 * Packs a package with pnpm, which applies `publishConfig` overrides and replaces `workspace:` ranges
 * exactly as `pnpm publish` (and so `changeset publish`) does. Returns the tarball's path.
 */
export async function packPackage(pkg, destination) {
  mkdirSync(destination, { recursive: true });
  const { stdout: out } = await execFileAsync("pnpm", ["pack", "--json", "--pack-destination", destination], {
    cwd: pkg.dir,
    encoding: "utf8",
    env: { ...process.env, npm_config_update_notifier: "false" },
  });
  const filename = JSON.parse(out.slice(out.indexOf("{"))).filename;
  return filename.startsWith("/") ? filename : join(destination, filename);
}

/** Extracts a tarball into `dir` (files land in `dir/package`). */
export function extractTarball(tarball, dir) {
  mkdirSync(dir, { recursive: true });
  execFileSync("tar", ["xzf", tarball, "-C", dir]);
  return join(dir, "package");
}

/** Every file an exports map points at (conditions flattened), minus wildcard patterns. */
export function exportTargets(exportsField) {
  const targets = new Set();
  const walk = (value) => {
    if (typeof value === "string") {
      if (!value.includes("*")) targets.add(value);
    } else if (value && typeof value === "object") {
      for (const v of Object.values(value)) walk(v);
    }
  };
  walk(exportsField);
  return [...targets];
}

export function binTargets(manifest) {
  if (!manifest.bin) return [];
  if (typeof manifest.bin === "string") return [[manifest.name.split("/").pop(), manifest.bin]];
  return Object.entries(manifest.bin);
}
