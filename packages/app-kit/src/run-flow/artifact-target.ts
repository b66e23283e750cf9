import { lstat, mkdir, realpath, unlink } from "node:fs/promises";
import { basename, dirname, isAbsolute, join, relative, resolve } from "node:path";

/** An artifact that would be written through a symbolic link leading out of artifacts-dir. */
export class UnsafeArtifactPathError extends Error {
  override readonly name = "UnsafeArtifactPathError";
}

const isInside = (path: string, dir: string) => {
  const rel = relative(dir, path);
  return rel === "" || (!rel.startsWith("..") && !isAbsolute(rel));
};

const missing = (error: unknown) => (error as NodeJS.ErrnoException).code === "ENOENT";

/** The real path of `path`, whose last components may not exist yet. */
async function realPathOf(path: string): Promise<string> {
  const rest: string[] = [];
  let existing = path;
  for (;;) {
    try {
      return join(await realpath(existing), ...rest);
    } catch (error) {
      const parent = dirname(existing);
      if (!missing(error) || parent === existing) throw error;
      rest.unshift(basename(existing));
      existing = parent;
    }
  }
}

/**
 * Creates artifacts-dir and returns its real path. A relative artifacts-dir inside the workspace must stay
 * inside it: a checked-out repository can plant a symbolic link where the directory is expected, and
 * writing through it would put dbt Cloud's files anywhere the runner can write. A directory the user names
 * outside the workspace is theirs, symbolic links included.
 */
export async function prepareArtifactRoot(dir: string, cwd: string = process.cwd()): Promise<string> {
  const lexical = resolve(cwd, dir);
  const real = await realPathOf(lexical);
  if (isInside(lexical, cwd) && !isInside(real, await realpath(cwd))) {
    throw new UnsafeArtifactPathError(
      `artifacts-dir ${dir} leads out of the workspace through a symbolic link (to ${real}); nothing is written through it. Remove the link, or set artifacts-dir to a real directory.`,
    );
  }
  await mkdir(real, { recursive: true });
  return real;
}

/**
 * The file for artifact `path` (a validated relative path) under the real `root`, with its directories
 * created one at a time. An existing directory on the way may be a symbolic link only if it stays inside
 * root. A symbolic link at the target itself is removed, so the download replaces it instead of writing
 * through it.
 */
export async function prepareArtifactFile(root: string, path: string): Promise<string> {
  const segments = path.split("/");
  const name = segments.pop() ?? path;
  let current = root;
  for (const [index, segment] of segments.entries()) {
    const next = join(current, segment);
    const stat = await lstat(next).catch((error: unknown) => {
      if (missing(error)) return undefined;
      throw error;
    });
    if (stat === undefined) {
      await mkdir(next).catch((error: unknown) => {
        if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      });
    } else if (stat.isSymbolicLink()) {
      const target = await realpath(next);
      if (!isInside(target, root)) {
        throw new UnsafeArtifactPathError(
          `${segments.slice(0, index + 1).join("/")} in the artifacts directory is a symbolic link leading out of it (to ${target}); ${path} was not written`,
        );
      }
      current = target;
      continue;
    } else if (!stat.isDirectory()) {
      throw new UnsafeArtifactPathError(
        `${relative(root, next)} in the artifacts directory is not a directory; ${path} was not written`,
      );
    }
    current = next;
  }
  const file = join(current, name);
  const existing = await lstat(file).catch(() => undefined);
  if (existing?.isSymbolicLink()) await unlink(file);
  return file;
}
