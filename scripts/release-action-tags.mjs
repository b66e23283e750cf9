#!/usr/bin/env node
// Prepares the GitHub Action's release tags at HEAD: an immutable `vX.Y.Z` and the moving major tag `vX`.
// It never pushes; it prints the push commands. See RELEASING.md.
//
//   node scripts/release-action-tags.mjs [X.Y.Z] [--skip-build] [--dry-run] [--cwd DIR]
//
// X.Y.Z defaults to apps/action/package.json's version (changesets bumps it). Refuses when the work tree is
// dirty, when the committed bundle is not what the sources build (unless --skip-build: then it only checks
// that the bundle is committed), or when vX.Y.Z already exists on another commit (released tags never move).
// A prerelease (X.Y.Z-rc.1) gets its own tag only; vX keeps pointing at the last release.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const SEMVER = /^v?(\d+)\.(\d+)\.(\d+)(-[0-9A-Za-z.-]+)?$/;

class ReleaseError extends Error {}

function git(cwd, args, { allowFailure = false } = {}) {
  const r = spawnSync("git", args, { cwd, encoding: "utf8" });
  if (r.status !== 0 && !allowFailure)
    throw new ReleaseError(`git ${args.join(" ")} failed: ${r.stderr.trim()}`);
  return { ok: r.status === 0, out: r.stdout.trim() };
}

/** @returns {{ commands: string[], created: string[] }} what was done (or would be, with dryRun) */
export function prepareActionTags({ cwd, version, skipBuild = false, dryRun = false, log = console.log }) {
  const match = SEMVER.exec(version ?? "");
  if (!match) throw new ReleaseError(`"${version}" is not a version like 1.2.3: pass X.Y.Z.`);
  const [, major, minor, patch, pre] = match;
  const exact = `v${major}.${minor}.${patch}${pre ?? ""}`;
  const moving = `v${major}`;

  const dirty = git(cwd, ["status", "--porcelain"]).out;
  if (dirty) throw new ReleaseError(`the work tree is not clean; commit or stash first:\n${dirty}`);

  const action = readFileSync(join(cwd, "action.yml"), "utf8");
  const entries = [...action.matchAll(/^\s+(?:main|post|pre):\s*(\S+)\s*$/gm)].map((m) => m[1]);
  if (entries.length === 0) throw new ReleaseError("action.yml names no runs.main entry.");
  for (const entry of entries)
    if (!git(cwd, ["ls-files", "--error-unmatch", entry], { allowFailure: true }).ok)
      throw new ReleaseError(
        `${entry} (named by action.yml) is not committed: build the action and commit dist.`,
      );

  if (!skipBuild) {
    log("Rebuilding the action bundle to check that the committed dist is fresh…");
    const build = spawnSync("pnpm", ["--filter", "@dbt-cloud-kit/action", "build"], {
      cwd,
      stdio: ["ignore", "ignore", "inherit"],
      env: { ...process.env, TURBO_TELEMETRY_DISABLED: "1" },
    });
    if (build.status !== 0) throw new ReleaseError("the action build failed.");
    const stale = git(cwd, ["status", "--porcelain", "--", "apps/action/dist"]).out;
    if (stale)
      throw new ReleaseError(
        `apps/action/dist is stale (the build changed it): commit the rebuilt bundle, then run this again.\n${stale}`,
      );
  }

  const head = git(cwd, ["rev-parse", "HEAD"]).out;
  const existing = git(cwd, ["rev-parse", "--verify", "--quiet", `refs/tags/${exact}^{commit}`], {
    allowFailure: true,
  });
  const created = [];
  if (existing.ok && existing.out !== head)
    throw new ReleaseError(
      `${exact} already exists on ${existing.out.slice(0, 12)}, not HEAD (${head.slice(0, 12)}): released tags are immutable. Release a new version instead.`,
    );
  if (existing.ok) log(`${exact} already points at HEAD; leaving it as it is.`);
  else {
    if (!dryRun) git(cwd, ["tag", "-a", exact, "-m", `dbt-cloud-kit action ${exact}`]);
    created.push(exact);
    log(`${dryRun ? "would create" : "created"} ${exact} at ${head.slice(0, 12)}`);
  }

  const commands = [`git push origin refs/tags/${exact}`];
  if (pre) log(`${exact} is a prerelease: ${moving} stays where it is.`);
  else {
    const previous = git(cwd, ["rev-parse", "--verify", "--quiet", `refs/tags/${moving}^{commit}`], {
      allowFailure: true,
    });
    if (previous.ok && previous.out === head) log(`${moving} already points at HEAD.`);
    else {
      if (!dryRun) git(cwd, ["tag", "-f", "-a", moving, "-m", `dbt-cloud-kit action ${exact}`]);
      created.push(moving);
      log(
        `${dryRun ? "would move" : "moved"} ${moving} locally to ${head.slice(0, 12)}${previous.ok ? ` (was ${previous.out.slice(0, 12)})` : ""}`,
      );
    }
    commands.push(`git push --force origin refs/tags/${moving}`);
  }
  return { commands, created };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      "skip-build": { type: "boolean" },
      "dry-run": { type: "boolean" },
      cwd: { type: "string" },
    },
  });
  const cwd = values.cwd ?? fileURLToPath(new URL("..", import.meta.url));
  const version =
    positionals[0] ?? JSON.parse(readFileSync(join(cwd, "apps", "action", "package.json"), "utf8")).version;
  try {
    const { commands } = prepareActionTags({
      cwd,
      version,
      skipBuild: values["skip-build"] === true,
      dryRun: values["dry-run"] === true,
    });
    console.log(`\nNothing was pushed. To publish the release:\n${commands.map((c) => `  ${c}`).join("\n")}`);
  } catch (error) {
    if (!(error instanceof ReleaseError)) throw error;
    console.error(`release-action-tags: ${error.message}`);
    process.exitCode = 1;
  }
}
