import {
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  realpathSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import {
  prepareArtifactFile,
  prepareArtifactRoot,
  UnsafeArtifactPathError,
} from "../src/run-flow/artifact-target.js";

let workspace: string;
let outside: string;
beforeEach(() => {
  const base = realpathSync(mkdtempSync(join(tmpdir(), "artifact-target-")));
  workspace = join(base, "workspace");
  outside = join(base, "outside");
  mkdirSync(workspace);
  mkdirSync(outside);
});

describe("prepareArtifactRoot", () => {
  it("creates the directory and returns its real path", async () => {
    const root = await prepareArtifactRoot("dbt-cloud-artifacts/nested", workspace);
    expect(root).toBe(join(workspace, "dbt-cloud-artifacts/nested"));
    expect(lstatSync(root).isDirectory()).toBe(true);
  });

  it("refuses a planted symbolic link that leads out of the workspace", async () => {
    symlinkSync(outside, join(workspace, "dbt-cloud-artifacts"));
    await expect(prepareArtifactRoot("dbt-cloud-artifacts", workspace)).rejects.toThrow(
      /artifacts-dir dbt-cloud-artifacts leads out of the workspace through a symbolic link/,
    );
    symlinkSync(outside, join(workspace, "out"));
    await expect(prepareArtifactRoot("out/artifacts", workspace)).rejects.toBeInstanceOf(
      UnsafeArtifactPathError,
    );
    expect(readdirSync(outside)).toEqual([]);
  });

  it("follows links that stay inside the workspace, and directories the user names outside it", async () => {
    mkdirSync(join(workspace, "real"));
    symlinkSync(join(workspace, "real"), join(workspace, "link"));
    expect(await prepareArtifactRoot("link", workspace)).toBe(join(workspace, "real"));
    expect(await prepareArtifactRoot(join(outside, "mine"), workspace)).toBe(join(outside, "mine"));
    expect(await prepareArtifactRoot("../outside/theirs", workspace)).toBe(join(outside, "theirs"));
  });
});

describe("prepareArtifactFile", () => {
  it("creates the directories of a nested artifact", async () => {
    const root = await prepareArtifactRoot("a", workspace);
    const file = await prepareArtifactFile(root, "compiled/pkg/models/x.sql");
    expect(file).toBe(join(root, "compiled/pkg/models/x.sql"));
    expect(lstatSync(join(root, "compiled/pkg/models")).isDirectory()).toBe(true);
  });

  it("refuses a pre-planted directory link that leads out of the artifacts directory", async () => {
    const root = await prepareArtifactRoot("a", workspace);
    symlinkSync(outside, join(root, "compiled"));
    const error = await prepareArtifactFile(root, "compiled/pkg/x.sql").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnsafeArtifactPathError);
    expect((error as Error).message).toMatch(
      /^compiled in the artifacts directory is a symbolic link leading out of it/,
    );
    // Nothing was created through the link.
    expect(readdirSync(outside)).toEqual([]);
  });

  it("refuses a link to the workspace around the artifacts directory", async () => {
    const root = await prepareArtifactRoot("a", workspace);
    mkdirSync(join(root, "compiled"));
    symlinkSync("../..", join(root, "compiled", "up"));
    await expect(prepareArtifactFile(root, "compiled/up/x.sql")).rejects.toThrow(
      /compiled\/up in the artifacts directory is a symbolic link/,
    );
  });

  it("allows a link that stays inside, and replaces a planted file link instead of writing through it", async () => {
    const root = await prepareArtifactRoot("a", workspace);
    mkdirSync(join(root, "target"));
    symlinkSync(join(root, "target"), join(root, "compiled"));
    expect(await prepareArtifactFile(root, "compiled/x.sql")).toBe(join(root, "target", "x.sql"));

    const victim = join(outside, "victim.txt");
    writeFileSync(victim, "keep");
    symlinkSync(victim, join(root, "run_results.json"));
    const file = await prepareArtifactFile(root, "run_results.json");
    expect(existsSync(file)).toBe(false);
    expect(existsSync(victim)).toBe(true);
  });

  it("refuses a file where a directory is expected", async () => {
    const root = await prepareArtifactRoot("a", workspace);
    writeFileSync(join(root, "compiled"), "");
    await expect(prepareArtifactFile(root, "compiled/x.sql")).rejects.toThrow(
      /compiled in the artifacts directory is not a directory/,
    );
  });
});
