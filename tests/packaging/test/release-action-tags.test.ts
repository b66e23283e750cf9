// scripts/release-action-tags.mjs on a scratch repository: vX.Y.Z is created once and never moved, vX follows
// the latest release, a dirty tree or an uncommitted bundle is refused, and nothing is pushed.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { prepareActionTags } from "../../../scripts/release-action-tags.mjs";

let repo = "";
const quiet = () => {};

function git(...args: string[]): string {
  return execFileSync("git", args, { cwd: repo, encoding: "utf8" }).trim();
}

function commit(file: string, text: string): string {
  writeFileSync(join(repo, file), text);
  git("add", "-A");
  git("commit", "-q", "-m", `change ${file}`);
  return git("rev-parse", "HEAD");
}

function tagCommit(tag: string): string {
  return git("rev-parse", `refs/tags/${tag}^{commit}`);
}

beforeEach(() => {
  repo = mkdtempSync(join(tmpdir(), "dbt-cloud-kit-action-tags-"));
  git("init", "-q", "-b", "main");
  git("config", "user.email", "release@example.com");
  git("config", "user.name", "release test");
  git("config", "commit.gpgsign", "false");
  git("config", "tag.gpgsign", "false");
  mkdirSync(join(repo, "apps", "action", "dist"), { recursive: true });
  writeFileSync(join(repo, "apps", "action", "dist", "main.js"), "// bundle\n");
  writeFileSync(join(repo, "apps", "action", "dist", "post.js"), "// post\n");
  commit(
    "action.yml",
    "runs:\n  using: node24\n  main: apps/action/dist/main.js\n  post: apps/action/dist/post.js\n",
  );
});

afterEach(() => {
  rmSync(repo, { recursive: true, force: true });
});

describe("release-action-tags", () => {
  it("creates vX.Y.Z and vX at HEAD and prints the push commands without pushing", () => {
    const head = git("rev-parse", "HEAD");
    const { commands, created } = prepareActionTags({
      cwd: repo,
      version: "1.2.3",
      skipBuild: true,
      log: quiet,
    });
    expect(created).toEqual(["v1.2.3", "v1"]);
    expect(tagCommit("v1.2.3")).toBe(head);
    expect(tagCommit("v1")).toBe(head);
    expect(commands).toEqual(["git push origin refs/tags/v1.2.3", "git push --force origin refs/tags/v1"]);
  });

  it("moves vX to the next release and never moves an existing vX.Y.Z", () => {
    const first = git("rev-parse", "HEAD");
    prepareActionTags({ cwd: repo, version: "1.2.3", skipBuild: true, log: quiet });
    const second = commit("apps/action/dist/main.js", "// bundle 2\n");
    expect(() => prepareActionTags({ cwd: repo, version: "1.2.3", skipBuild: true, log: quiet })).toThrow(
      /v1\.2\.3 already exists .* immutable/,
    );
    expect(tagCommit("v1.2.3")).toBe(first);
    prepareActionTags({ cwd: repo, version: "v1.3.0", skipBuild: true, log: quiet });
    expect(tagCommit("v1.3.0")).toBe(second);
    expect(tagCommit("v1")).toBe(second);
    expect(tagCommit("v1.2.3")).toBe(first);
  });

  it("leaves vX alone for a prerelease", () => {
    const first = git("rev-parse", "HEAD");
    prepareActionTags({ cwd: repo, version: "1.2.3", skipBuild: true, log: quiet });
    commit("apps/action/dist/main.js", "// rc\n");
    const { created } = prepareActionTags({ cwd: repo, version: "1.3.0-rc.1", skipBuild: true, log: quiet });
    expect(created).toEqual(["v1.3.0-rc.1"]);
    expect(tagCommit("v1")).toBe(first);
  });

  it("refuses a dirty tree, an uncommitted bundle and a non-version", () => {
    writeFileSync(join(repo, "apps", "action", "dist", "main.js"), "// edited\n");
    expect(() => prepareActionTags({ cwd: repo, version: "1.0.0", skipBuild: true, log: quiet })).toThrow(
      /not clean/,
    );
    git("checkout", "--", ".");
    git("rm", "-q", "--cached", "apps/action/dist/post.js");
    git("commit", "-q", "-m", "drop post from the index");
    rmSync(join(repo, "apps", "action", "dist", "post.js"));
    expect(() => prepareActionTags({ cwd: repo, version: "1.0.0", skipBuild: true, log: quiet })).toThrow(
      /apps\/action\/dist\/post\.js .* is not committed/,
    );
    expect(() => prepareActionTags({ cwd: repo, version: "latest", skipBuild: true, log: quiet })).toThrow(
      /not a version/,
    );
    expect(spawnSync("git", ["tag"], { cwd: repo, encoding: "utf8" }).stdout).toBe("");
  });

  it("--dry-run creates nothing", () => {
    const { created } = prepareActionTags({
      cwd: repo,
      version: "2.0.0",
      skipBuild: true,
      dryRun: true,
      log: quiet,
    });
    expect(created).toEqual(["v2.0.0", "v2"]);
    expect(git("tag")).toBe("");
  });
});
